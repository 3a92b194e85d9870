package medstream.knowledge.kg;

/**
 * Hand-written facts modelled on lines of the shared data: Hetionet (nodes + edges-sample), Disease
 * Ontology (HumanDO.tsv, DO-subClassOf-anonymous.tsv, disease-symptom.tsv), K-BERT Medical.spo and
 * cMeKG-style relations as they appear in the Huatuo answers.
 */
final class KgFixtures {
    private KgFixtures() { }

    static Fact hetionet(String s, String sName, String sType, String rel, String o, String oName, String oType) {
        return new Fact(s, sName, sType, rel, o, oName, oType, "hetionet", "en");
    }

    // Compound::DB00331 CtD Disease::DOID:9352 ... (hetionet-v1.0-edges-sample.sif.gz)
    static final Fact METFORMIN_T2DM = hetionet("Compound::DB00331", "Metformin", "Compound", "CtD",
            "Disease::DOID:9352", "type 2 diabetes mellitus", "Disease");
    static final Fact METFORMIN_PCOS = hetionet("Compound::DB00331", "Metformin", "Compound", "CtD",
            "Disease::DOID:11612", "polycystic ovary syndrome", "Disease");
    static final Fact METFORMIN_NDUFB3 = hetionet("Compound::DB00331", "Metformin", "Compound", "CbG",
            "Gene::4709", "NDUFB3", "Gene");
    static final Fact METFORMIN_SLC22A3 = hetionet("Compound::DB00331", "Metformin", "Compound", "CbG",
            "Gene::6581", "SLC22A3", "Gene");
    static final Fact GLIMEPIRIDE_T2DM = hetionet("Compound::DB00222", "Glimepiride", "Compound", "CtD",
            "Disease::DOID:9352", "type 2 diabetes mellitus", "Disease");
    static final Fact T2DM_FLUSHING = hetionet("Disease::DOID:9352", "type 2 diabetes mellitus", "Disease", "DpS",
            "Symptom::D005483", "Flushing", "Symptom");
    static final Fact T2DM_ABDOMINAL_OBESITY = hetionet("Disease::DOID:9352", "type 2 diabetes mellitus", "Disease",
            "DpS", "Symptom::D056128", "Obesity, Abdominal", "Symptom");
    static final Fact T2DM_HINDLIMB = hetionet("Disease::DOID:9352", "type 2 diabetes mellitus", "Disease", "DlA",
            "Anatomy::UBERON:0002103", "hindlimb", "Anatomy");

    static Fact doid(String s, String sName, String rel, String o, String oName, String oType) {
        return new Fact(s, sName, "Disease", rel, o, oName, oType, "disease-ontology", "en");
    }

    // DOID:8736 smallpox  'disease has location' some 'zone of skin'|'has material basis in' some 'Orthopoxvirus variola'|
    //   'transmitted by' some ('contact transmission' or 'droplet spread transmission' or ...)
    static final Fact SMALLPOX_SKIN = doid("DOID:8736", "smallpox", "disease has location", "zone of skin", "zone of skin", "Anatomy");
    static final Fact SMALLPOX_VARIOLA = doid("DOID:8736", "smallpox", "has material basis in",
            "Orthopoxvirus variola", "Orthopoxvirus variola", "Organism");
    static final Fact SMALLPOX_CONTACT = doid("DOID:8736", "smallpox", "transmitted by",
            "contact transmission", "contact transmission", "Transmission");
    static final Fact SMALLPOX_DROPLET = doid("DOID:8736", "smallpox", "transmitted by",
            "droplet spread transmission", "droplet spread transmission", "Transmission");
    // "DOID:0040002" "aspirin allergy" "drug allergy" (HumanDO.tsv) and 'has allergic trigger' some 'acetylsalicylic acid'
    static final Fact ASPIRIN_ALLERGY_IS_A = doid("DOID:0040002", "aspirin allergy", "is_a", "drug allergy", "drug allergy", "Disease");
    static final Fact ASPIRIN_ALLERGY_TRIGGER = doid("DOID:0040002", "aspirin allergy", "has_allergic_trigger",
            "acetylsalicylic acid", "acetylsalicylic acid", "Chemical");
    // DOID:820 myocarditis SYMP:0000061 inflammation (disease-symptom.tsv)
    static final Fact MYOCARDITIS_INFLAMMATION = doid("DOID:820", "myocarditis", "has_symptom", "SYMP:0000061",
            "inflammation", "Symptom");

    static Fact zh(String s, String rel, String o, String source) {
        return new Fact(s, s, "", rel, o, o, "", source, "zh");
    }

    // 小儿狂犬病<TAB>类别<TAB>疾病 and 眼睛发红<TAB>类别<TAB>症状 (Medical.spo)
    static final Fact RABIES_CATEGORY = zh("小儿狂犬病", "类别", "疾病", "kbert-medical-spo");
    static final Fact RED_EYES_CATEGORY = zh("眼睛发红", "类别", "症状", "kbert-medical-spo");
    // cMeKG-style relations, from the Huatuo answer about 肝动脉瘤 (llama_data.jsonl line 3)
    static final Fact ANEURYSM_JAUNDICE = zh("肝动脉瘤", "并发症", "梗阻性黄疸", "cmekg");
    static final Fact ANEURYSM_ULTRASOUND = zh("肝动脉瘤", "辅助检查", "彩色多普勒超声", "cmekg");
    static final Fact ANEURYSM_CTA = zh("肝动脉瘤", "辅助检查", "CTA", "cmekg");
    static final Fact ANEURYSM_ANGIOGRAPHY = zh("肝动脉瘤", "辅助检查", "动脉造影", "cmekg");
    static final Fact JAUNDICE_CATEGORY = zh("梗阻性黄疸", "类别", "症状", "cmekg");
}
