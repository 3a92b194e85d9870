package medstream.cleaning.pii;

import static medstream.cleaning.pii.SyntheticClinicalNotes.pick;

import java.util.List;
import java.util.Random;

import medstream.cleaning.pii.SyntheticClinicalNotes.Note;
import medstream.cleaning.pii.SyntheticClinicalNotes.NoteBuilder;

/**
 * Labeled synthetic discharge summaries and progress notes, English and Chinese, for the kinds issue 15 added: names
 * (with titles, roles, relations, credentials, and without any cue), dates of care in many formats, ages over 89,
 * facility names, IP addresses, device serials and vehicle identifiers, next to what must stay (eponymous diseases and
 * tests, brand-name drugs, doses, lab values, study periods, younger ages, generic places of care).
 *
 * <p>How it is made: sentence templates chosen at random per note, with slots filled from the lists below. The
 * templates were written from how such notes read, not from the scrubber's rules: names come from this class's own
 * lists (US census-style and international names, some absent from the scrubber's dictionaries), and phrasings that
 * the rules do not cover on purpose are kept in (surname-comma-first, names after "and", lower-case facility words,
 * UDI numbers in brackets), so the measured recall is not tuned to the templates.
 */
final class DeidentificationNotes {

    private static final String[] FIRST = {"John", "Robert", "Linda", "Maria", "Michael", "Patricia", "James",
            "Jennifer", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas",
            "Sarah", "Charles", "Karen", "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Margaret", "Sandra",
            "Steven", "Ashley", "Kevin", "Emily", "Brian", "Donna", "George", "Michelle", "Edward", "Carol", "Ronald",
            "Amanda", "Timothy", "Melissa", "Jason", "Deborah", "Jeffrey", "Stephanie", "Ryan", "Rebecca", "Eric",
            "Priya", "Ahmed", "Fatima", "Hiroshi", "Olga", "Chidi", "Aisha", "Mateo", "Sofia", "Tomasz", "Ingrid"};
    private static final String[] LAST = {"Smith", "Johnson", "Williams", "Jones", "Garcia", "Miller", "Davis",
            "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Anderson", "Thomas", "Taylor", "Moore",
            "Jackson", "Martin", "Lee", "Perez", "Thompson", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis",
            "Robinson", "Allen", "Wright", "Scott", "Torres", "Nguyen", "Flores", "Adams", "Nelson", "Rivera",
            "Campbell", "Mitchell", "Roberts", "Chen", "O'Brien", "Okafor", "Kowalski", "Schmidt", "Patel", "Kim",
            "Tanaka", "Ivanova", "McAllister", "Fitzgerald", "Lindqvist", "Moreau", "Haddad", "Novak", "Brennan"};
    private static final String[] FACILITIES = {"St. Mary's Hospital", "Cedars-Sinai Medical Center", "Mayo Clinic",
            "Massachusetts General Hospital", "Mercy Hospital", "Riverside Community Hospital",
            "Good Samaritan Hospital", "Johns Hopkins Hospital", "Hospital of the University of Pennsylvania",
            "Northwestern Memorial Hospital", "Kaiser Permanente Medical Center", "Lakeview Nursing Home",
            "Cleveland Clinic", "Brigham and Women's Hospital", "Sloan Kettering Cancer Center",
            "Mount Sinai Hospital", "Baptist Health Medical Center", "St. Jude Children's Research Hospital",
            "Lenox Hill Hospital", "Sunrise Rehabilitation Center"};
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"};
    private static final String[] EPONYM_SENTENCES = {"History of Parkinson disease and Hodgkin lymphoma in remission.",
            "Known Alzheimer's dementia; Down syndrome in a sibling.", "Cushing syndrome was ruled out.",
            "Crohn's disease flare last year.", "Graves' disease treated with radioiodine.",
            "Hashimoto thyroiditis on levothyroxine 75 mcg.", "Wilson disease was excluded (ceruloplasmin normal).",
            "Prostate biopsy: Gleason score 3+4=7.", "Bonferroni correction applied in the cited trial.",
            "Bell's palsy in 2009.", "Glasgow Coma Scale 14 on arrival.", "Apgar scores 8 and 9.",
            "Foley catheter removed.", "Status post Whipple procedure.", "Barrett esophagus on surveillance.",
            "Guillain-Barre syndrome as a child.", "Raynaud phenomenon in both hands.", "Addison disease on hydrocortisone.",
            "Kaplan-Meier estimates from the cited cohort.", "Positive Murphy sign on exam.",
            "Negative Babinski sign bilaterally.", "Huntington disease in the family history.",
            "Sjogren syndrome with dry eyes.", "Hirschsprung disease repaired in infancy.", "Paget disease of bone.",
            "Marfan syndrome suspected; echo pending.", "Kawasaki disease at age 4.", "Meniere disease with vertigo.",
            "Tourette syndrome, stable.", "Ewing sarcoma of the femur in childhood.", "Mann-Whitney U test in the study."};
    private static final String[] BRAND_SENTENCES = {"Started Eliquis 5 mg twice daily.", "Continue Lipitor 40 mg.",
            "Tylenol 650 mg every 6 hours as needed.", "Lasix 40 mg IV given.", "Coumadin held; INR 3.4.",
            "Zosyn 4.5 g every 8 hours.", "Keppra 500 mg twice daily.", "Synthroid 88 mcg daily.",
            "Humalog sliding scale.", "Plavix 75 mg daily."};
    private static final String[] COMPLAINTS = {"chest pain", "shortness of breath", "a fall at home", "syncope",
            "fever and confusion", "melena", "worsening edema"};
    private static final String[] PROCEDURES = {"a cardiac catheterization", "a laparoscopic cholecystectomy",
            "a total hip arthroplasty", "an upper endoscopy", "a CT-guided biopsy", "pacemaker implantation"};
    private static final String[] RELATIONS = {"daughter", "son", "wife", "husband", "sister", "brother", "niece"};

    private static final String[] ZH_SURNAME = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
            "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
            "彭", "曾", "田", "董", "袁", "潘", "蒋", "蔡", "杜", "叶", "程", "苏", "魏", "吕", "丁", "沈", "欧阳", "诸葛"};
    private static final String[] ZH_GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
            "杰", "娟", "涛", "明", "超", "秀兰", "霞", "刚", "桂英", "建国", "志强", "丽华", "海燕", "晓东", "文静",
            "子轩", "雨涵", "国庆", "红梅", "建华", "玉兰", "春生", "德明", "淑珍", "振华", "凤英", "宏伟", "少华",
            "俊杰", "思远", "梓涵", "一鸣", "家豪", "欣怡", "浩然", "秋菊", "永红", "金凤"};
    private static final String[] ZH_FACILITIES = {"北京协和医院", "浙江大学医学院附属第一医院", "上海市第六人民医院",
            "四川大学华西医院", "中山大学附属第一医院", "复旦大学附属华山医院", "武汉协和医院", "南京鼓楼医院",
            "杭州市西湖区北山街道社区卫生服务中心", "广州市妇女儿童医疗中心", "郑州大学第一附属医院", "湘雅医院"};
    private static final String[] ZH_EPONYMS = {"既往帕金森病病史5年。", "诊断为霍奇金淋巴瘤。", "阿尔茨海默病家族史。",
            "唐氏综合征筛查低风险。", "库欣综合征已排除。", "克罗恩病稳定。", "桥本甲状腺炎，口服左甲状腺素50μg。",
            "格雷夫斯病行放射性碘治疗。", "Gleason评分7分。", "巴雷特食管随访中。"};
    private static final String[] ZH_PROVINCES = {"京", "沪", "浙", "粤", "川", "苏", "鄂", "鲁"};

    private DeidentificationNotes() {
    }

    /**
     * Generates notes.
     *
     * @param seed        random seed; the same seed gives the same notes
     * @param perLanguage notes per language
     * @return English notes, then Chinese notes
     */
    static List<Note> generate(long seed, int perLanguage) {
        return SyntheticClinicalNotes.generate(seed, perLanguage, DeidentificationNotes::english,
                DeidentificationNotes::chinese);
    }

    private static Note english(Random r) {
        NoteBuilder b = new NoteBuilder("en");
        String first = pick(r, FIRST);
        String last = pick(r, LAST);
        b.text(pick(r, "DISCHARGE SUMMARY\n", "PROGRESS NOTE\n", "Transfer note\n"));
        switch (r.nextInt(4)) {
            case 0 -> b.text("Patient: ").pii(PiiType.NAME, first + " " + last).text("\n");
            case 1 -> b.text("Name: ").pii(PiiType.NAME, last).text(", ").pii(PiiType.NAME, first).text("\n");
            case 2 -> b.text("Pt ").pii(PiiType.NAME, first + " " + last).text(" seen today.\n");
            default -> b.text("Patient name: ").pii(PiiType.NAME, first + " " + pick(r, "A.", "J.", "M.") + " "
                    + last).text("\n");
        }
        b.text(pick(r, "Admission date: ", "Admitted: ", "Date of admission ")).pii(PiiType.DATE, date(r))
                .text(pick(r, "\nDischarge date: ", "\nDischarged: ", "\nDate of discharge ")).pii(PiiType.DATE, date(r))
                .text("\n");
        b.text(pick(r, "Attending: Dr. ", "Attending physician: Dr ", "Consultant: Prof. "))
                .pii(PiiType.NAME, pick(r, FIRST) + " " + pick(r, LAST)).text("\n\n");
        String title = pick(r, "Mr.", "Mrs.", "Ms.", "Mr");
        b.text("HPI: " + title + " ").pii(PiiType.NAME, last).text(" is a");
        if (r.nextInt(3) > 0) {
            int age = 90 + r.nextInt(15);
            switch (r.nextInt(4)) {
                case 0 -> b.text(" ").pii(PiiType.AGE, Integer.toString(age)).text("-year-old");
                case 1 -> b.text(" ").pii(PiiType.AGE, Integer.toString(age)).text(" year old");
                case 2 -> b.text("n elderly patient, aged ").pii(PiiType.AGE, Integer.toString(age)).text(",");
                default -> b.text(" ").pii(PiiType.AGE, Integer.toString(age)).text(" y/o");
            }
        } else {
            b.text(" ").decoy("young-age", Integer.toString(40 + r.nextInt(49))).text("-year-old");
        }
        b.text(" " + pick(r, "man", "woman", "widow", "retired teacher") + " with " + pick(r, "hypertension",
                "atrial fibrillation", "COPD") + " who presented to ").pii(PiiType.FACILITY, pick(r, FACILITIES))
                .text(pick(r, " on ", " ED on ", " emergency department on ")).pii(PiiType.DATE, date(r))
                .text(" with " + pick(r, COMPLAINTS) + ". ");
        b.text(pick(r, EPONYM_SENTENCES)).text(" ").text(pick(r, BRAND_SENTENCES)).text("\n");
        switch (r.nextInt(4)) {
            case 0 -> b.text("Outside records from ").pii(PiiType.FACILITY, pick(r, FACILITIES)).text(" reviewed.\n");
            case 1 -> b.text("He was transferred from ").pii(PiiType.FACILITY, pick(r, FACILITIES))
                    .text(" for a higher level of care.\n");
            case 2 -> b.text("Previously followed at ").pii(PiiType.FACILITY, pick(r, FACILITIES)).text(".\n");
            default -> b.text("Seen in the emergency department of our hospital; the general hospital had no beds.\n");
        }
        String relation = pick(r, RELATIONS);
        switch (r.nextInt(5)) {
            case 0 -> b.text("Spoke with the patient's " + relation + ", ").pii(PiiType.NAME,
                    pick(r, FIRST) + " " + pick(r, LAST)).text(", who is the health care proxy.\n");
            case 1 -> b.text("Her " + relation + " ").pii(PiiType.NAME, pick(r, FIRST)).text(" visits daily.\n");
            case 2 -> b.text("Plan discussed with ").pii(PiiType.NAME, pick(r, FIRST) + " " + pick(r, LAST))
                    .text(" at the bedside.\n");
            case 3 -> b.text("Wound care by ").pii(PiiType.NAME, pick(r, FIRST) + " " + pick(r, LAST))
                    .text(pick(r, ", RN.\n", ", NP.\n", ", PA-C.\n"));
            default -> b.text("The nurse practitioner ").pii(PiiType.NAME, pick(r, FIRST) + " " + pick(r, LAST))
                    .text(" changed the dressing.\n");
        }
        b.text("Course: on ").pii(PiiType.DATE, date(r)).text(" " + pick(r, "he", "she") + " underwent "
                + pick(r, PROCEDURES) + pick(r, " by Dr. ", " (surgeon: Dr. ", ", performed by Dr. "))
                .pii(PiiType.NAME, pick(r, LAST)).text(". ");
        if (r.nextBoolean()) {
            b.text(pick(r, "Readmitted in ", "Last seen in clinic in ")).pii(PiiType.DATE,
                    pick(r, MONTHS) + " " + (2015 + r.nextInt(9))).text(". ");
        }
        b.text("Labs: Hb ").decoy("lab", (9 + r.nextInt(6)) + "." + r.nextInt(10)).text(" g/dL, SpO2 ")
                .decoy("lab", Integer.toString(90 + r.nextInt(10))).text("%, HR ")
                .decoy("lab", Integer.toString(90 + r.nextInt(30))).text(", furosemide ")
                .decoy("dose", (90 + r.nextInt(10) * 10) + " mg").text(" (95% CI in PMID ")
                .decoy("pmid", Integer.toString(20_000_000 + r.nextInt(15_000_000))).text(").\n");
        devices(r, b);
        b.text(pick(r, "Follow-up with Dr. ", "Return to see Dr. ")).pii(PiiType.NAME, pick(r, LAST))
                .text(pick(r, " at ", " in clinic at ")).pii(PiiType.FACILITY, pick(r, FACILITIES))
                .text(" on ").pii(PiiType.DATE, pick(r, MONTHS) + " " + (1 + r.nextInt(28))).text(".\n");
        if (r.nextInt(4) == 0) {
            b.text(pick(r, "The patient expired on ", "Time of death recorded, ")).pii(PiiType.DATE, date(r))
                    .text(".\n");
        }
        b.text("Reference: enrolled in a registry that ran ").decoy("study-period", "from " + pick(r, MONTHS) + " "
                + (2005 + r.nextInt(5)) + " to " + pick(r, MONTHS) + " " + (2012 + r.nextInt(5)))
                .text("; cohort ").decoy("year-range", (2010 + r.nextInt(5)) + "-" + (2016 + r.nextInt(5)))
                .text(", diagnosed in ").decoy("year", Integer.toString(2000 + r.nextInt(20))).text(".\n");
        return b.build();
    }

    private static void devices(Random r, NoteBuilder b) {
        switch (r.nextInt(3)) {
            case 0 -> b.text(pick(r, "Pacemaker serial number ", "ICD S/N: ", "Device ID: ", "Pump serial # "))
                    .pii(PiiType.DEVICE, pick(r, "PM", "SN", "ICD", "X") + (1000 + r.nextInt(9000)) + "-"
                            + (10_000 + r.nextInt(90_000))).text(" interrogated, normal function.\n");
            case 1 -> b.text("Phone app IMEI ").pii(PiiType.DEVICE, "35" + String.format("%013d",
                    Math.abs(r.nextLong()) % 10_000_000_000_000L)).text(" paired with the glucose monitor.\n");
            default -> b.text("Remote monitoring uploads from ").pii(PiiType.IP, ip(r))
                    .text(pick(r, " nightly.\n", " (home router).\n"));
        }
        switch (r.nextInt(3)) {
            case 0 -> b.text("Struck by a car, license plate ").pii(PiiType.VEHICLE, plate(r))
                    .text(", per EMS.\n");
            case 1 -> b.text("Police report lists VIN ").pii(PiiType.VEHICLE, vin(r)).text(" for the vehicle.\n");
            default -> b.text("Telemetry gateway IP: ").pii(PiiType.IP, ip(r)).text("; serial troponins ")
                    .decoy("lab", "0.0" + (1 + r.nextInt(9))).text(" ng/mL.\n");
        }
    }

    private static Note chinese(Random r) {
        NoteBuilder b = new NoteBuilder("zh");
        b.text(pick(r, "出院记录\n", "入院记录\n", "病程记录\n"));
        b.text(pick(r, "患者", "姓名：", "病人")).pii(PiiType.NAME, zhName(r)).text("，" + pick(r, "男", "女") + "，");
        if (r.nextInt(3) > 0) {
            b.pii(PiiType.AGE, Integer.toString(90 + r.nextInt(12))).text("岁。\n");
        } else {
            b.decoy("young-age", Integer.toString(30 + r.nextInt(59))).text("岁。\n");
        }
        b.text(pick(r, "入院日期：", "入院时间：")).pii(PiiType.DATE, zhDate(r)).text(pick(r, "\n出院日期：", "\n出院时间："))
                .pii(PiiType.DATE, zhDate(r)).text("\n");
        b.text("现病史：患者于").pii(PiiType.DATE, zhDate(r)).text("因" + pick(r, "胸闷气短", "腹痛", "发热咳嗽", "头晕")
                + "就诊于").pii(PiiType.FACILITY, pick(r, ZH_FACILITIES)).text("，" + pick(r, ZH_EPONYMS));
        switch (r.nextInt(3)) {
            case 0 -> b.text("后转入").pii(PiiType.FACILITY, pick(r, ZH_FACILITIES)).text("进一步治疗。\n");
            case 1 -> b.text("当地医院建议转上级医院。\n");
            default -> b.text("曾在").pii(PiiType.FACILITY, pick(r, ZH_FACILITIES)).text("行手术。\n");
        }
        switch (r.nextInt(4)) {
            case 0 -> b.text("主治医师").pii(PiiType.NAME, zhName(r)).text("查房后建议手术。");
            case 1 -> b.text("由").pii(PiiType.NAME, zhName(r)).text("医生接诊。");
            case 2 -> b.text("家属").pii(PiiType.NAME, zhName(r)).text("女士陪同。");
            default -> b.text("其子").pii(PiiType.NAME, zhName(r)).text("签字同意。");
        }
        b.pii(PiiType.DATE, (1 + r.nextInt(12)) + "月" + (1 + r.nextInt(28)) + "日").text(pick(r, "行", "在全麻下行"))
                .text(pick(r, "冠脉造影", "腹腔镜胆囊切除术", "髋关节置换术")).text("。");
        if (r.nextBoolean()) {
            b.pii(PiiType.DATE, (2015 + r.nextInt(9)) + "年" + (1 + r.nextInt(12)) + "月").text("复诊。");
        }
        b.text("\n辅助检查：血红蛋白").decoy("lab", Integer.toString(90 + r.nextInt(40))).text("g/L，血氧饱和度")
                .decoy("lab", Integer.toString(90 + r.nextInt(10))).text("%，呋塞米").decoy("dose", (90 + r.nextInt(3) * 10) + "mg")
                .text("静推。研究期间").decoy("year-range", (2010 + r.nextInt(5)) + "-" + (2016 + r.nextInt(5)) + "年")
                .text("。\n");
        switch (r.nextInt(4)) {
            case 0 -> b.text("起搏器序列号：").pii(PiiType.DEVICE, "SN" + (100_000 + r.nextInt(900_000)) + "A")
                    .text("，程控正常。\n");
            case 1 -> b.text("胰岛素泵设备编号 ").pii(PiiType.DEVICE, "MT-" + (10_000 + r.nextInt(90_000)))
                    .text("。\n");
            case 2 -> b.text("远程监测IP地址 ").pii(PiiType.IP, ip(r)).text("。\n");
            default -> b.text("患者驾驶车辆（车牌号").pii(PiiType.VEHICLE, pick(r, ZH_PROVINCES)
                    + (char) ('A' + r.nextInt(12)) + (10_000 + r.nextInt(90_000))).text("）发生车祸。\n");
        }
        if (r.nextInt(3) == 0) {
            b.text("事故车辆为").pii(PiiType.VEHICLE, pick(r, ZH_PROVINCES) + (char) ('A' + r.nextInt(12)) + "·"
                    + (char) ('A' + r.nextInt(8)) + (1000 + r.nextInt(9000))).text("。\n");
        }
        if (r.nextInt(4) == 0) {
            b.text("患者于").pii(PiiType.DATE, zhDate(r)).text("死亡，享年").pii(PiiType.AGE,
                    Integer.toString(90 + r.nextInt(12))).text("岁。\n");
        }
        return b.build();
    }

    private static String zhName(Random r) {
        return pick(r, ZH_SURNAME) + pick(r, ZH_GIVEN);
    }

    private static String date(Random r) {
        int year = 2015 + r.nextInt(10);
        int month = 1 + r.nextInt(12);
        int day = 1 + r.nextInt(28);
        return switch (r.nextInt(7)) {
            case 0 -> String.format("%02d/%02d/%d", month, day, year);
            case 1 -> month + "/" + day + "/" + (year % 100);
            case 2 -> String.format("%d-%02d-%02d", year, month, day);
            case 3 -> MONTHS[month - 1] + " " + day + ", " + year;
            case 4 -> day + " " + MONTHS[month - 1].substring(0, 3) + " " + year;
            case 5 -> MONTHS[month - 1].substring(0, 3) + ". " + day + ", " + year;
            default -> day + pick(r, "st", "th") + " of " + MONTHS[month - 1] + " " + year;
        };
    }

    private static String zhDate(Random r) {
        int year = 2015 + r.nextInt(10);
        int month = 1 + r.nextInt(12);
        int day = 1 + r.nextInt(28);
        return r.nextInt(3) == 0 ? String.format("%d-%02d-%02d", year, month, day)
                : year + "年" + month + "月" + day + "日";
    }

    private static String ip(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
            case 1 -> "172.16." + r.nextInt(256) + "." + (1 + r.nextInt(254));
            default -> "192.168." + r.nextInt(256) + "." + (1 + r.nextInt(254));
        };
    }

    private static String plate(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> (1 + r.nextInt(9)) + "" + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26))
                    + (char) ('A' + r.nextInt(26)) + (100 + r.nextInt(900));
            case 1 -> "" + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26))
                    + "-" + (1000 + r.nextInt(9000));
            default -> "" + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26)) + (10 + r.nextInt(89)) + " "
                    + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26));
        };
    }

    private static String vin(Random r) {
        String alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        StringBuilder vin = new StringBuilder("1HG");
        while (vin.length() < 17) {
            vin.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        vin.setCharAt(9, (char) ('0' + r.nextInt(10)));
        return vin.toString();
    }
}
