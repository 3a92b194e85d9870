package medstream.cleaning.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A labeled, deterministic set of synthetic clinical notes in English and Chinese for measuring the PII scrubber.
 *
 * <p>Every identifier is planted at a known span with its type, in the formats seen in real notes (labeled and
 * unlabeled, several phone and date styles, some that the scrubber's rules do not cover). Decoys that must survive
 * are planted the same way: drug doses, lab values, blood pressures, ICD-10 codes, years, PMIDs, NDC codes, plain
 * URLs. Visit dates and the patient's name, not taken before issue 15, are identifiers now (DATE, NAME). All names,
 * numbers and places are invented; the 555-01xx phone range is reserved for fiction.
 */
final class SyntheticClinicalNotes {

    /** A planted span: an identifier (type set) or a decoy (type null, kind says what it is). */
    record Span(PiiType type, String kind, int start, int end) {
    }

    /** One note with its labels. */
    record Note(String language, String text, List<Span> identifiers, List<Span> decoys) {
    }

    private static final String[] FIRST = {"James", "Maria", "Robert", "Linda", "David", "Susan", "Michael", "Karen"};
    private static final String[] LAST = {"Walker", "Nguyen", "Patel", "Okafor", "Schmidt", "Rivera", "Cohen", "Lee"};
    private static final String[] STREET = {"Maple", "Oak", "Cedar", "Washington", "Lincoln", "Park", "Elm", "Highland"};
    private static final String[] SUFFIX = {"Street", "St.", "Avenue", "Ave", "Road", "Drive", "Lane", "Blvd", "Court"};
    private static final String[] CITY = {"Springfield", "Riverton", "Lakewood", "Fairview", "Salem", "Greenville"};
    private static final String[] STATE = {"MA", "IL", "OH", "CA", "TX", "NY"};
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"};
    private static final String[] DOMAINS = {"example.com", "mail.example.org", "clinic-example.net", "uni.example.edu"};
    private static final String[] DRUGS = {"metformin", "lisinopril", "atorvastatin", "amlodipine", "warfarin",
            "levothyroxine", "omeprazole", "furosemide"};
    private static final String[] ICD = {"E11.9", "I10", "J45.909", "N18.3", "I48.91", "K21.9", "E78.5", "F32.9"};
    private static final String[] COMPLAINTS = {"chest pain", "shortness of breath", "abdominal pain",
            "dizziness", "productive cough", "fatigue and weight loss"};

    private static final String[] ZH_SURNAME = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄"};
    private static final String[] ZH_PROVINCE = {"浙江省", "江苏省", "广东省", "四川省", "湖北省", "山东省"};
    private static final String[] ZH_CITY = {"杭州市", "南京市", "广州市", "成都市", "武汉市", "济南市"};
    private static final String[] ZH_DISTRICT = {"西湖区", "鼓楼区", "天河区", "武侯区", "洪山区", "历下区"};
    private static final String[] ZH_ROAD = {"文三路", "中山路", "人民路", "建设大道", "解放街", "长江路"};
    private static final String[] ZH_MUNICIPALITY = {"北京市朝阳区", "上海市浦东新区", "天津市和平区", "重庆市渝中区"};
    private static final String[] ZH_DRUGS = {"二甲双胍", "阿托伐他汀", "氨氯地平", "阿司匹林", "奥美拉唑", "呋塞米"};
    private static final String[] ZH_COMPLAINTS = {"反复胸闷气短", "上腹部疼痛", "咳嗽咳痰", "头晕乏力", "双下肢水肿"};

    private SyntheticClinicalNotes() {
    }

    /**
     * Generates notes.
     *
     * @param seed         random seed; the same seed gives the same notes
     * @param perLanguage  notes per language
     * @return English notes, then Chinese notes
     */
    static List<Note> generate(long seed, int perLanguage) {
        return generate(seed, perLanguage, SyntheticClinicalNotes::english, SyntheticClinicalNotes::chinese);
    }

    /** English notes, then Chinese notes, from one random stream seeded once. */
    static List<Note> generate(long seed, int perLanguage, java.util.function.Function<Random, Note> english,
                               java.util.function.Function<Random, Note> chinese) {
        Random random = new Random(seed);
        List<Note> notes = new ArrayList<>();
        for (int i = 0; i < perLanguage; i++) {
            notes.add(english.apply(random));
        }
        for (int i = 0; i < perLanguage; i++) {
            notes.add(chinese.apply(random));
        }
        return notes;
    }

    private static Note english(Random r) {
        NoteBuilder b = new NoteBuilder("en");
        String name = pick(r, FIRST) + " " + pick(r, LAST);
        b.text("CLINIC NOTE\nPatient: ").pii(PiiType.NAME, name).text(", " + (25 + r.nextInt(60)) + "-year-old "
                + (r.nextBoolean() ? "male" : "female") + ".\n");
        b.text(pick(r, "DOB: ", "Date of birth: ", "D.O.B. ", "DOB ")).pii(PiiType.DOB, dob(r)).text("\n");
        b.text(pick(r, "MRN: ", "MRN ", "Medical Record Number: ", "MR#: ")).pii(PiiType.MRN, mrn(r)).text("\n");
        b.text("Address: ").pii(PiiType.ADDRESS, usAddress(r)).text("\n");
        b.text(pick(r, "Phone: ", "Tel: ", "Mobile: ")).pii(PiiType.PHONE, usPhone(r)).text("\n");
        if (r.nextInt(3) > 0) {
            b.text("Email: ").pii(PiiType.EMAIL, email(r, name)).text("\n");
        }
        if (r.nextInt(3) == 0) {
            b.text("SSN: ").pii(PiiType.SSN, ssn(r)).text("\n");
        }
        b.text("\nChief complaint: " + pick(r, COMPLAINTS) + " for " + (2 + r.nextInt(10)) + " days.\n");
        b.text("History: The patient was diagnosed with type 2 diabetes mellitus (ICD-10 ").decoy("icd", pick(r, ICD))
                .text(") in ").decoy("year", Integer.toString(2005 + r.nextInt(18)))
                .text(" and has been on ").text(pick(r, DRUGS)).text(" ").decoy("dose", dose(r))
                .text(" twice daily. ");
        b.text("Last visit was on ").pii(PiiType.DATE, visitDate(r)).text(". ");
        if (r.nextBoolean()) {
            b.text("She was seen at the clinic at ").pii(PiiType.ADDRESS, usAddress(r)).text(" last month. ");
        }
        b.text("\nVitals: BP ").decoy("bp", (110 + r.nextInt(50)) + "/" + (60 + r.nextInt(35)))
                .text(" mmHg, HR ").decoy("lab", Integer.toString(55 + r.nextInt(60))).text(" bpm, temperature ")
                .decoy("lab", (36 + r.nextInt(3)) + "." + r.nextInt(10)).text(" C.\n");
        b.text("Labs: HbA1c ").decoy("lab", (5 + r.nextInt(5)) + "." + r.nextInt(10))
                .text("%, creatinine ").decoy("lab", "1." + r.nextInt(10)).text(" mg/dL, WBC ")
                .decoy("lab", (4 + r.nextInt(10)) + "." + r.nextInt(10)).text(" x10^9/L, platelets ")
                .decoy("lab", (150 + r.nextInt(250)) + ",000").text(" /uL, potassium ")
                .decoy("lab", "4." + r.nextInt(10)).text(" mmol/L.\n");
        b.text("Plan: continue ").text(pick(r, DRUGS)).text(" ").decoy("dose", dose(r))
                .text(" daily (NDC ").decoy("ndc", ndc(r)).text("). Evidence: PMID: ")
                .decoy("pmid", Integer.toString(20_000_000 + r.nextInt(15_000_000)))
                .text(". Guideline: ").decoy("plain-url", "https://www.example.org/guidelines/diabetes")
                .text(".\n");
        b.text("Enrolled in NCT").decoy("trial-id", String.format("%08d", r.nextInt(100_000_000)))
                .text(" in ").decoy("year-range", (2010 + r.nextInt(5)) + "-" + (2016 + r.nextInt(5)))
                .text("; take 1 tablet ").decoy("frequency", "3-4").text(" times daily; billed as CPT ")
                .decoy("cpt", Integer.toString(99_201 + r.nextInt(15))).text(".\n");
        switch (r.nextInt(7)) {
            case 4 -> b.text("Age/DOB: 67 / ").pii(PiiType.DOB, String.format("%d-%02d-%02d", 1930 + r.nextInt(70),
                    1 + r.nextInt(12), 1 + r.nextInt(28))).text(".\n");
            case 5 -> b.text("Daughter can be reached at ").pii(PiiType.PHONE,
                    (201 + r.nextInt(700)) + "555" + "01" + two(r)).text(".\n");
            case 6 -> b.text("Mailing address: ").pii(PiiType.ADDRESS, "PO Box " + (100 + r.nextInt(9000)) + ", "
                    + pick(r, CITY) + ", " + pick(r, STATE)).text(".\n");
            case 0 -> b.text("Results portal: ").pii(PiiType.URL, queryUrl(r)).text("\n");
            case 1 -> b.text("For questions call ").pii(PiiType.PHONE, usPhone(r)).text(" during office hours.\n");
            case 2 -> b.text("Patient ID: ").pii(PiiType.MRN, mrn(r)).text(". Contact ")
                    .pii(PiiType.EMAIL, email(r, name)).text(".\n");
            default -> b.text("Callback number ").pii(PiiType.PHONE, "555-01" + two(r)).text(" (local).\n");
        }
        return b.build();
    }

    private static Note chinese(Random r) {
        NoteBuilder b = new NoteBuilder("zh");
        b.text("门诊病历\n患者" + pick(r, ZH_SURNAME) + "某某，" + (r.nextBoolean() ? "男" : "女") + "，"
                + (25 + r.nextInt(60)) + "岁。\n");
        b.text(pick(r, "出生日期：", "出生日期: ", "出生年月：")).pii(PiiType.DOB, zhDob(r)).text("。\n");
        b.text(pick(r, "住院号：", "病历号：", "门诊号：", "病案号 ")).pii(PiiType.MRN, zhMrn(r)).text("\n");
        b.text(pick(r, "家庭住址：", "现住址：")).pii(PiiType.ADDRESS, zhAddress(r)).text("\n");
        b.text(pick(r, "联系电话：", "手机：", "电话 ")).pii(PiiType.PHONE, zhPhone(r)).text("\n");
        if (r.nextInt(3) == 0) {
            b.text("身份证号：").pii(PiiType.SSN, zhId(r)).text("\n");
        }
        if (r.nextInt(3) == 0) {
            b.text("电子邮箱：").pii(PiiType.EMAIL, "patient" + r.nextInt(1000) + "@" + pick(r, DOMAINS)).text("\n");
        }
        b.text("\n主诉：" + pick(r, ZH_COMPLAINTS) + (2 + r.nextInt(10)) + "年，加重1周。\n");
        b.text("现病史：患者于").decoy("year", Integer.toString(2005 + r.nextInt(18)))
                .text("年诊断为2型糖尿病（ICD-10 ").decoy("icd", pick(r, ICD)).text("），长期口服")
                .text(pick(r, ZH_DRUGS)).decoy("dose", dose(r)).text("，每日两次，血糖控制欠佳。");
        if (r.nextBoolean()) {
            b.text("患者现居于").pii(PiiType.ADDRESS, zhAddress(r)).text("，");
        }
        b.text("上次复诊日期为").pii(PiiType.DATE, zhVisitDate(r)).text("。\n");
        b.text("辅助检查：血压").decoy("bp", (110 + r.nextInt(50)) + "/" + (60 + r.nextInt(35)))
                .text("mmHg，白细胞").decoy("lab", (4 + r.nextInt(10)) + "." + r.nextInt(10))
                .text("×10^9/L，空腹血糖").decoy("lab", (5 + r.nextInt(8)) + "." + r.nextInt(10))
                .text("mmol/L，糖化血红蛋白").decoy("lab", (5 + r.nextInt(5)) + "." + r.nextInt(10)).text("%。\n");
        b.text("处理：继续").text(pick(r, ZH_DRUGS)).decoy("dose", dose(r)).text("口服，参考文献 PMID: ")
                .decoy("pmid", Integer.toString(20_000_000 + r.nextInt(15_000_000))).text("。\n");
        switch (r.nextInt(5)) {
            case 3 -> b.text("家属住在").pii(PiiType.ADDRESS, pick(r, ZH_CITY) + pick(r, ZH_DISTRICT) + "幸福小区"
                    + (1 + r.nextInt(30)) + "栋" + (101 + r.nextInt(900)) + "室").text("。\n");
            case 4 -> b.text("家属电话 ").pii(PiiType.PHONE, "1" + (3 + r.nextInt(7)) + r.nextInt(10) + " "
                    + String.format("%04d %04d", r.nextInt(10_000), r.nextInt(10_000))).text("，检验编号")
                    .decoy("accession", "S" + (20 + r.nextInt(5)) + "-" + String.format("%07d", r.nextInt(10_000_000)))
                    .text("。\n");
            case 0 -> b.text("检查报告查询：").pii(PiiType.URL, queryUrl(r)).text(" 。\n");
            case 1 -> b.text("如有不适请拨打").pii(PiiType.PHONE, zhPhone(r)).text("咨询。\n");
            default -> b.text("住院号").pii(PiiType.MRN, zhMrn(r)).text("，床号").decoy("lab", Integer.toString(1 + r.nextInt(40)))
                    .text("。\n");
        }
        return b.build();
    }

    private static String dob(Random r) {
        int year = 1930 + r.nextInt(70);
        int month = 1 + r.nextInt(12);
        int day = 1 + r.nextInt(28);
        return switch (r.nextInt(5)) {
            case 0 -> String.format("%02d/%02d/%d", month, day, year);
            case 1 -> MONTHS[month - 1] + " " + day + ", " + year;
            case 2 -> day + " " + MONTHS[month - 1].substring(0, 3) + " " + year;
            case 3 -> String.format("%d-%02d-%02d", year, month, day);
            default -> String.format("%d/%d/%02d", month, day, year % 100);
        };
    }

    private static String zhDob(Random r) {
        int year = 1930 + r.nextInt(70);
        int month = 1 + r.nextInt(12);
        int day = 1 + r.nextInt(28);
        return switch (r.nextInt(3)) {
            case 0 -> year + "年" + month + "月" + day + "日";
            case 1 -> String.format("%d-%02d-%02d", year, month, day);
            default -> year + "年" + month + "月";
        };
    }

    private static String visitDate(Random r) {
        return String.format("%02d/%02d/%d", 1 + r.nextInt(12), 1 + r.nextInt(28), 2019 + r.nextInt(6));
    }

    private static String zhVisitDate(Random r) {
        return (2019 + r.nextInt(6)) + "年" + (1 + r.nextInt(12)) + "月" + (1 + r.nextInt(28)) + "日";
    }

    private static String mrn(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> String.format("%08d", r.nextInt(100_000_000));
            case 1 -> Integer.toString(1_000_000 + r.nextInt(9_000_000));
            default -> "AB-" + (1_000_000 + r.nextInt(9_000_000));
        };
    }

    private static String zhMrn(Random r) {
        return r.nextBoolean() ? Integer.toString(20_000_000 + r.nextInt(5_000_000))
                : "A" + (1_000_000 + r.nextInt(9_000_000));
    }

    private static String usPhone(Random r) {
        String area = Integer.toString(201 + r.nextInt(700));
        String line = "01" + two(r);
        return switch (r.nextInt(4)) {
            case 0 -> "(" + area + ") 555-" + line;
            case 1 -> area + "-555-" + line;
            case 2 -> area + ".555." + line;
            default -> "+1 " + area + " 555 " + line;
        };
    }

    private static String zhPhone(Random r) {
        String mobile = "1" + (3 + r.nextInt(7)) + r.nextInt(10);
        String a = String.format("%04d", r.nextInt(10_000));
        String b = String.format("%04d", r.nextInt(10_000));
        return switch (r.nextInt(5)) {
            case 0 -> mobile + a + b;
            case 1 -> mobile + "-" + a + "-" + b;
            case 2 -> "+86 " + mobile + " " + a + " " + b;
            case 3 -> pick(r, "010", "021", "0571", "0755") + "-" + (6 + r.nextInt(3)) + String.format("%07d", r.nextInt(10_000_000));
            default -> "(" + pick(r, "020", "0512") + ")" + (8 + r.nextInt(2)) + String.format("%07d", r.nextInt(10_000_000));
        };
    }

    private static String ssn(Random r) {
        String area = Integer.toString(100 + r.nextInt(500));
        String group = String.format("%02d", 1 + r.nextInt(98));
        String serial = String.format("%04d", 1 + r.nextInt(9998));
        return r.nextInt(4) == 0 ? area + group + serial : area + "-" + group + "-" + serial;
    }

    private static String zhId(Random r) {
        String region = pick(r, "110105", "330106", "440106", "510107");
        String birth = String.format("%d%02d%02d", 1940 + r.nextInt(60), 1 + r.nextInt(12), 1 + r.nextInt(28));
        String seq = String.format("%03d", r.nextInt(1000));
        return region + birth + seq + (r.nextInt(11) == 10 ? "X" : Integer.toString(r.nextInt(10)));
    }

    private static String email(Random r, String name) {
        String[] parts = name.toLowerCase(java.util.Locale.ROOT).split(" ");
        return switch (r.nextInt(3)) {
            case 0 -> parts[0] + "." + parts[1] + "@" + pick(r, DOMAINS);
            case 1 -> parts[0].charAt(0) + parts[1] + r.nextInt(100) + "@" + pick(r, DOMAINS);
            default -> parts[1] + "_" + parts[0] + "@" + pick(r, DOMAINS);
        };
    }

    private static String usAddress(Random r) {
        String street = (1 + r.nextInt(9999)) + " " + pick(r, STREET) + " " + pick(r, SUFFIX);
        return switch (r.nextInt(3)) {
            case 0 -> street;
            case 1 -> street + ", " + pick(r, CITY) + ", " + pick(r, STATE) + " " + (10_000 + r.nextInt(89_999));
            default -> street + ", Apt " + (1 + r.nextInt(40)) + ", " + pick(r, CITY);
        };
    }

    private static String zhAddress(Random r) {
        String road = pick(r, ZH_ROAD) + (1 + r.nextInt(300)) + "号";
        return switch (r.nextInt(3)) {
            case 0 -> pick(r, ZH_PROVINCE) + pick(r, ZH_CITY) + pick(r, ZH_DISTRICT) + road;
            case 1 -> pick(r, ZH_MUNICIPALITY) + road + (1 + r.nextInt(20)) + "栋" + (1 + r.nextInt(4)) + "单元"
                    + (101 + r.nextInt(1500)) + "室";
            default -> pick(r, ZH_CITY) + pick(r, ZH_DISTRICT) + road;
        };
    }

    private static String queryUrl(Random r) {
        return pick(r, "https://portal.example-hospital.org/results", "http://www.clinic-example.net/patient/view")
                + "?id=" + (100_000 + r.nextInt(900_000)) + "&token=" + Long.toHexString(r.nextLong());
    }

    private static String dose(Random r) {
        return pick(r, "500 mg", "10 mg", "20mg", "0.5 mg/kg", "5 mg", "1000 mg", "2.5 mg", "40 mg");
    }

    private static String ndc(Random r) {
        return String.format("%05d-%04d-%02d", r.nextInt(100_000), r.nextInt(10_000), r.nextInt(100));
    }

    private static String two(Random r) {
        return String.format("%02d", r.nextInt(100));
    }

    @SafeVarargs
    static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }

    /** Appends text and records the spans of planted identifiers and decoys. */
    static final class NoteBuilder {
        private final String language;
        private final StringBuilder text = new StringBuilder();
        private final List<Span> identifiers = new ArrayList<>();
        private final List<Span> decoys = new ArrayList<>();

        NoteBuilder(String language) {
            this.language = language;
        }

        NoteBuilder text(String s) {
            text.append(s);
            return this;
        }

        NoteBuilder pii(PiiType type, String value) {
            identifiers.add(new Span(type, type.name(), text.length(), text.length() + value.length()));
            text.append(value);
            return this;
        }

        NoteBuilder decoy(String kind, String value) {
            decoys.add(new Span(null, kind, text.length(), text.length() + value.length()));
            text.append(value);
            return this;
        }

        Note build() {
            return new Note(language, text.toString(), List.copyOf(identifiers), List.copyOf(decoys));
        }
    }
}
