package medstream.knowledge.kg;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The relation template tables, one per relation vocabulary and language. Adding a relation is adding
 * a line here; a relation without a line is rendered by {@link #generic(String)} and counted by the
 * caller, so missing templates show up in the metrics rather than as silently odd text.
 */
public final class RelationTemplates {
    private RelationTemplates() { }

    /** A Hetionet metaedge: abbreviation, source kind, verb and target kind (as in hetionet/metaedges.tsv). */
    public record Metaedge(String abbreviation, String sourceKind, String verb, String targetKind) { }

    /** Hetionet v1.0's 24 metaedges, so a triplet can name its relation either "CtD" or "treats" with its kinds. */
    public static final List<Metaedge> HETIONET_METAEDGES = List.of(
            new Metaedge("AdG", "Anatomy", "downregulates", "Gene"),
            new Metaedge("AeG", "Anatomy", "expresses", "Gene"),
            new Metaedge("AuG", "Anatomy", "upregulates", "Gene"),
            new Metaedge("CbG", "Compound", "binds", "Gene"),
            new Metaedge("CcSE", "Compound", "causes", "Side Effect"),
            new Metaedge("CdG", "Compound", "downregulates", "Gene"),
            new Metaedge("CpD", "Compound", "palliates", "Disease"),
            new Metaedge("CrC", "Compound", "resembles", "Compound"),
            new Metaedge("CtD", "Compound", "treats", "Disease"),
            new Metaedge("CuG", "Compound", "upregulates", "Gene"),
            new Metaedge("DaG", "Disease", "associates", "Gene"),
            new Metaedge("DdG", "Disease", "downregulates", "Gene"),
            new Metaedge("DlA", "Disease", "localizes", "Anatomy"),
            new Metaedge("DpS", "Disease", "presents", "Symptom"),
            new Metaedge("DrD", "Disease", "resembles", "Disease"),
            new Metaedge("DuG", "Disease", "upregulates", "Gene"),
            new Metaedge("GcG", "Gene", "covaries", "Gene"),
            new Metaedge("GiG", "Gene", "interacts", "Gene"),
            new Metaedge("GpBP", "Gene", "participates", "Biological Process"),
            new Metaedge("GpCC", "Gene", "participates", "Cellular Component"),
            new Metaedge("GpMF", "Gene", "participates", "Molecular Function"),
            new Metaedge("GpPW", "Gene", "participates", "Pathway"),
            new Metaedge("Gr>G", "Gene", "regulates", "Gene"),
            new Metaedge("PCiC", "Pharmacologic Class", "includes", "Compound"));

    /** English templates for every Hetionet metaedge, keyed by abbreviation. */
    public static final Map<String, RelationTemplate> HETIONET_EN = table("en",
            "AdG", "{s} shows downregulation of the gene {o}", "{s} shows downregulation of the genes {o}",
            "AeG", "{s} expresses the gene {o}", "{s} expresses the genes {o}",
            "AuG", "{s} shows upregulation of the gene {o}", "{s} shows upregulation of the genes {o}",
            "CbG", "{s} binds the protein encoded by {o}", "{s} binds the proteins encoded by {o}",
            "CcSE", "{s} can cause {o} as a side effect", "{s} can cause {o} as side effects",
            "CdG", "{s} downregulates the gene {o}", "{s} downregulates the genes {o}",
            "CpD", "{s} palliates {o}", "{s} palliates {o}",
            "CrC", "{s} is chemically similar to {o}", "{s} is chemically similar to {o}",
            "CtD", "{s} treats {o}", "{s} treats {o}",
            "CuG", "{s} upregulates the gene {o}", "{s} upregulates the genes {o}",
            "DaG", "{s} is associated with the gene {o}", "{s} is associated with the genes {o}",
            "DdG", "{s} downregulates the gene {o}", "{s} downregulates the genes {o}",
            "DlA", "{s} localizes to the {o}", "{s} localizes to the {o}",
            "DpS", "{s} presents with {o}", "{s} presents with {o}",
            "DrD", "{s} resembles {o}", "{s} resembles {o}",
            "DuG", "{s} upregulates the gene {o}", "{s} upregulates the genes {o}",
            "GcG", "{s} covaries with the gene {o}", "{s} covaries with the genes {o}",
            "GiG", "{s} interacts with the gene {o}", "{s} interacts with the genes {o}",
            "GpBP", "{s} participates in the biological process {o}", "{s} participates in the biological processes {o}",
            "GpCC", "{s} is part of the cellular component {o}", "{s} is part of the cellular components {o}",
            "GpMF", "{s} has the molecular function {o}", "{s} has the molecular functions {o}",
            "GpPW", "{s} participates in the pathway {o}", "{s} participates in the pathways {o}",
            "Gr>G", "{s} regulates the gene {o}", "{s} regulates the genes {o}",
            "PCiC", "{s} is a pharmacologic class that includes {o}", "{s} is a pharmacologic class that includes {o}");

    /**
     * English templates for Disease Ontology relations (is_a from HumanDO.tsv, the OWL restrictions of
     * DO-subClassOf-anonymous.tsv, has_symptom from disease-symptom.tsv and the OBO relationship
     * names), keyed by the normalised relation ({@link TemplateRegistry#normalize}).
     */
    public static final Map<String, RelationTemplate> DISEASE_ONTOLOGY_EN = table("en",
            "is_a", "{s} is a kind of {o}", "{s} is a kind of {o}",
            "has_symptom", "{s} has the symptom {o}", "{s} has the symptoms {o}",
            "located_in", "{s} is located in the {o}", "{s} is located in the {o}",
            "disease_has_location", "{s} is located in the {o}", "{s} is located in the {o}",
            "has_material_basis_in", "{s} has its material basis in {o}", "{s} has its material basis in {o}",
            "disease_has_basis_in", "{s} has its basis in {o}", "{s} has its basis in {o}",
            "transmitted_by", "{s} is transmitted via {o}", "{s} is transmitted via {o}",
            "results_in", "{s} results in {o}", "{s} results in {o}",
            "results_in_formation_of", "{s} results in the formation of {o}", "{s} results in the formation of {o}",
            "has_allergic_trigger", "{s} is an allergy triggered by {o}", "{s} is an allergy triggered by {o}",
            "has_disease_driver", "{s} is driven by {o}", "{s} is driven by {o}",
            "has_major_susceptibility_factor", "{s} has {o} as a major susceptibility factor",
            "{s} has {o} as major susceptibility factors",
            "has_phenotype", "{s} has the phenotype {o}", "{s} has the phenotypes {o}",
            "disease_has_feature", "{s} has the feature {o}", "{s} has the features {o}",
            "derives_from", "{s} derives from {o}", "{s} derives from {o}",
            "existence_starts_during", "{s} is classified by onset as {o}", "{s} is classified by onset as {o}",
            "adjacent_to", "{s} is adjacent to {o}", "{s} is adjacent to {o}",
            "has_role", "{s} has the role {o}", "{s} has the roles {o}",
            "has_origin", "{s} originates from {o}", "{s} originates from {o}",
            "occurs_with", "{s} occurs together with {o}", "{s} occurs together with {o}");

    /**
     * Chinese templates: the K-BERT SPO predicate 类别 (category) and the cMeKG relation names
     * (临床表现, 并发症, 药物治疗 ...). 类别 has per-category wording in {@link #CATEGORY_ZH}.
     */
    public static final Map<String, RelationTemplate> CHINESE_ZH = table("zh",
            "类别", "{s}属于{o}类别", "{s}属于{o}类别",
            "临床表现", "{s}的临床表现包括{o}", "{s}的临床表现包括{o}",
            "症状", "{s}的症状包括{o}", "{s}的症状包括{o}",
            "并发症", "{s}可能并发{o}", "{s}可能并发{o}",
            "药物治疗", "{s}可用{o}进行药物治疗", "{s}可用{o}进行药物治疗",
            "治疗", "{s}的治疗方法包括{o}", "{s}的治疗方法包括{o}",
            "手术治疗", "{s}的手术治疗方式包括{o}", "{s}的手术治疗方式包括{o}",
            "辅助治疗", "{s}的辅助治疗包括{o}", "{s}的辅助治疗包括{o}",
            "检查", "{s}需要做的检查包括{o}", "{s}需要做的检查包括{o}",
            "辅助检查", "{s}的辅助检查包括{o}", "{s}的辅助检查包括{o}",
            "就诊科室", "{s}的就诊科室为{o}", "{s}的就诊科室为{o}",
            "所属科室", "{s}属于{o}诊治范围", "{s}属于{o}诊治范围",
            "发病部位", "{s}的发病部位为{o}", "{s}的发病部位包括{o}",
            "病因", "{s}的病因包括{o}", "{s}的病因包括{o}",
            "传播途径", "{s}的传播途径为{o}", "{s}的传播途径包括{o}",
            "多发群体", "{s}多发于{o}", "{s}多发于{o}",
            "相关疾病", "{s}与{o}相关", "{s}与{o}相关",
            "适应症", "{s}适用于{o}", "{s}适用于{o}",
            "禁忌", "{s}禁用于{o}", "{s}禁用于{o}",
            "不良反应", "{s}的不良反应包括{o}", "{s}的不良反应包括{o}",
            "预防", "{s}的预防措施包括{o}", "{s}的预防措施包括{o}");

    /**
     * 类别 (category) wording per category value of the K-BERT Medical.spo objects; the object is part
     * of the wording, so these clauses have no {@code {o}}.
     */
    public static final Map<String, RelationTemplate> CATEGORY_ZH = table("zh",
            "疾病", "{s}是一种疾病", "{s}是一种疾病",
            "症状", "{s}是一种症状", "{s}是一种症状",
            "部位", "{s}是人体的一个部位", "{s}是人体的一个部位",
            "治疗", "{s}是一种治疗方法", "{s}是一种治疗方法",
            "检查", "{s}是一种医学检查", "{s}是一种医学检查");

    /** The template for a relation that has none: says what it is, in plain words, and is counted. */
    public static RelationTemplate generic(String relation, String language) {
        return "zh".equals(language)
                ? RelationTemplate.of(relation, language, "{s}与{o}之间存在“" + relation + "”关系")
                : RelationTemplate.of(relation, language, "{s} is linked to {o} by the relation \"" + relation + "\"");
    }

    /** Same as {@link #generic(String, String)} in English. */
    public static RelationTemplate generic(String relation) {
        return generic(relation, "en");
    }

    private static Map<String, RelationTemplate> table(String language, String... triples) {
        if (triples.length % 3 != 0) {
            throw new IllegalArgumentException("template table rows are (relation, singular, plural)");
        }
        Map<String, RelationTemplate> m = new LinkedHashMap<>();
        for (int i = 0; i < triples.length; i += 3) {
            m.put(triples[i], new RelationTemplate(triples[i], language, triples[i + 1], triples[i + 2]));
        }
        return Map.copyOf(m);
    }
}
