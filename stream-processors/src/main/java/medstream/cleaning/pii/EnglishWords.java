package medstream.cleaning.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Word lists the English name detector decides with: cues, eponyms, and capitalised words that are not names. */
final class EnglishWords {

    /** Titles before a name; any capitalised token after one is taken. Both cases of the first letter. */
    static final NameSet TITLES = NameSet.of(Set.of("Dr", "Mr", "Mrs", "Ms", "Mx", "Miss", "Prof"));
    /** Titles written with a full stop ("Dr."); after any other word a full stop ends a sentence. */
    static final NameSet ABBREVIATED_TITLES = NameSet.of(Set.of("Dr", "Mr", "Mrs", "Ms", "Mx", "Prof"));
    /** Role words too common to vouch for one token: a name after them needs two tokens ("with John Smith"). */
    static final NameSet WEAK_ROLES = bothCases("by", "with", "contact", "cc");
    /** Form labels that are cues only with their colon ("Name: Smith, John", not "Time Name Amount"). */
    static final NameSet LABELS = bothCases("name", "patient name", "attending", "provider", "signed");

    /** Roles and relations before a name; a token after one is taken when the dictionaries know it. */
    static final NameSet ROLES = bothCases("patient", "pt", "doctor", "professor", "nurse", "practitioner", "physician", "surgeon", "attending",
            "resident", "intern", "fellow", "therapist", "pharmacist", "midwife", "anesthesiologist", "radiologist",
            "cardiologist", "oncologist", "neurologist", "consultant", "clinician", "provider", "wife", "husband",
            "son", "daughter", "mother", "father", "brother", "spouse", "partner", "grandson", "granddaughter",
            "niece", "nephew", "aunt", "uncle", "cousin", "friend", "caregiver", "guardian", "neighbor",
            "neighbour", "widow", "widower", "decedent", "informant", "proxy");

    /** Words in the name lists that are also ordinary English words, so never names without a cue. */
    static final Set<String> COMMON = words("Will", "May", "June", "April", "August", "Hope", "Faith", "Grace",
            "Joy", "Rose", "Max", "Art", "Bill", "Mark", "Lane", "Dale", "Glen", "Guy", "Frank", "Chase", "Van",
            "Long", "White", "Green", "Black", "Rich", "Cross", "Ma", "He", "Page", "Love", "Bell",
            "King", "Hall", "Wood", "Hill", "Park", "Street", "Ward", "Day", "Case", "Early", "Major", "Rice",
            "Lean", "Law", "Best", "Short", "Small", "Strong", "Sharp", "Good", "Ball", "Stone", "Head", "Christian",
            "Sunday", "Tuesday", "Monday", "Friday", "Blood", "Heart", "Care", "Cancer", "General", "Forest", "Field",
            "Marsh", "Bay", "Pain", "Fine", "See", "Do", "So", "An", "In", "On", "Of", "To", "The", "And", "Or",
            "As", "At", "By", "If", "It", "Is", "No", "Not", "We", "Us", "Our", "All", "Can", "One", "Two", "New",
            "Man", "Men", "Age", "Aged", "Old", "Son", "Little", "Bone", "Gene", "Ion", "Ace", "Lung", "Liver",
            "Kidney", "Skin", "Eye", "Ear", "Nose", "Then", "When", "Than", "Whether", "Wine", "Sugar", "Salt",
            "Honey", "Summer", "Winter", "Spring", "Autumn", "Else", "Ever", "Every", "Lord", "Royal", "Free",
            "Baker", "Cook", "Miller", "Fisher", "Carter", "Porter", "Mason", "Parker", "Turner", "Walker");

    /** Surnames that name diseases, signs, tests and methods; only taken after a title ("Dr. Wilson"). */
    static final Set<String> EPONYMS = words("Parkinson", "Hodgkin", "Alzheimer", "Down", "Cushing", "Crohn",
            "Graves", "Hashimoto", "Wilson", "Gleason", "Bonferroni", "Kaplan", "Meier", "Cox", "Fisher", "Student",
            "Pearson", "Spearman", "Wilcoxon", "Mann", "Whitney", "Kruskal", "Wallis", "Tukey", "Bland", "Altman",
            "Apgar", "Glasgow", "Barrett", "Bell", "Addison", "Turner", "Marfan", "Huntington", "Raynaud", "Sjogren",
            "Sjögren", "Guillain", "Barre", "Barré", "Kawasaki", "Kaposi", "Epstein", "Barr", "Meniere", "Paget",
            "Tourette", "Asperger", "Bowen", "Burkitt", "Ewing", "Wilms", "Hirschsprung", "Duchenne", "Becker",
            "Klinefelter", "Fallot", "Charcot", "Tooth", "Wernicke", "Korsakoff",
            "Lyme", "Reye", "Horner", "Bonferroni", "Holm", "Hochberg", "Benjamini", "Dunn", "Scheffe",
            "Keuls", "Mantel", "Haenszel", "Hosmer", "Lemeshow", "Cochran", "Bayes", "Markov",
            "Poisson", "Gauss", "Weibull", "Likert", "Cronbach", "Breslow", "Whipple", "Nissen", "Roux",
            "Billroth", "Hartmann", "Swan", "Ganz", "Foley", "Babinski", "McBurney", "Romberg", "Phalen",
            "Tinel", "Lachman", "Trendelenburg", "Valsalva", "Heimlich", "Pap", "Papanicolaou", "Gram", "Ziehl",
            "Neelsen", "Giemsa", "Western", "Northern", "Southern", "Coombs", "Schilling", "Mantoux",
            "Sanger", "Krebs", "Starling", "Frank", "Bernoulli", "Doppler", "Holter", "Hodgkin's", "Kussmaul",
            "Cheyne", "Stokes", "Virchow", "Osler", "Weber", "Rendu", "Peutz", "Jeghers", "Zollinger",
            "Conn", "Sheehan", "Simmonds", "Dandy", "Chiari", "Creutzfeldt", "Jakob",
            "Lewy", "Binswanger", "Bell's", "Budd", "Chiari", "Boerhaave", "Zenker",
            "Meckel", "Hirschsprung's", "Peyronie", "Dupuytren", "Legg", "Calve", "Perthes", "Osgood", "Schlatter",
            "Colles", "Monteggia", "Galeazzi", "Rolando", "Salter",
            "Glasgow", "Ranson", "Pugh", "Killip", "Framingham", "Charlson", "Karnofsky", "Breslow",
            "Dukes", "Ann", "Arbor", "Rai", "Binet", "Durie", "Fontan", "Blalock", "Taussig",
            "Konno", "Bentall", "Ebstein", "Eisenmenger", "Wolff", "Parkinson's",
            "Prinzmetal", "Takotsubo", "Takayasu", "Behcet", "Behçet", "Sturge", "Weber", "Hippel", "Lindau",
            "Gaucher", "Niemann", "Fabry", "Pompe", "Tay", "Sachs", "Hurler", "Sanfilippo", "Morquio",
            "Angelman", "Prader", "Willi", "Noonan", "Patau", "Rett", "Fragile", "Alport",
            "Goodpasture", "Wegener", "Churg", "Strauss", "Kimmelstiel", "Fanconi", "Bartter", "Gitelman",
            "Liddle", "Dubin", "Crigler", "Najjar", "Rotor", "Kasabach", "Merritt",
            "Blackfan", "Soulier", "Glanzmann", "Willebrand", "Hageman", "Prower",
            "Bruton", "DiGeorge", "Wiskott", "Aldrich", "Chediak", "Higashi", "Kartagener",
            "Gehrig", "Bethlem", "Dreifuss", "Kugelberg", "Welander", "Werdnig", "Hoffmann",
            "Friedreich", "Tourette's", "Munchausen", "Capgras", "Cotard", "Ganser", "Korsakoff's", "Kluver", "Bucy",
            "Gerstmann", "Balint", "Broca", "Wernicke's", "Sequard", "Horner's", "Argyll",
            "Adie", "Gunn", "Kayser", "Fleischer", "Hutchinson", "Koplik", "Forchheimer",
            "Janeway", "Aschoff", "Anitschkow", "Sternberg", "Auer", "Jolly", "Heinz",
            "Pappenheimer", "Dutcher", "Schaumann", "Negri", "Councilman", "Exner",
            "Verocay", "Psammoma", "Langerhans", "Kupffer", "Schwann", "Purkinje", "Leydig", "Sertoli",
            "Paneth", "Merkel", "Meissner", "Pacini", "Ruffini", "Golgi", "Henle", "Bowman", "Malpighi",
            "Peyer", "Brunner", "Lieberkuhn", "Auerbach", "Cajal", "Ranvier", "Nissl", "Hassall", "Hering", "Breuer",
            "Bainbridge", "Bezold", "Jarisch", "Cushing's", "Graves'", "Addison's", "Crohn's", "Down's", "Medicare",
            "Medicaid", "Bayesian", "Gaussian", "Kaplan-Meier", "Mann-Whitney", "Kruskal-Wallis", "Fournier");

    /** Capitalised words that end a name run after a cue: sentence words, places of care, units. */
    static final Set<String> CAPITALISED_NON_NAMES = words("The", "A", "An", "He", "She", "His", "Her", "They",
            "Was", "Is", "Were", "Has", "Had", "And", "Or", "But", "In", "On", "At", "To", "For", "With", "From", "By",
            "Of", "This", "That", "These", "Those", "Who", "Which", "Hospital", "Clinic", "Medical", "Center",
            "Centre", "Department", "Unit", "Ward", "Service", "Services", "Health", "University", "Education",
            "Information", "Name", "Number", "Date", "Age", "Sex", "Male", "Female", "Admission", "Discharge",
            "History", "Diagnosis", "Plan", "Assessment", "Note", "Notes", "Report", "Summary", "Patient", "Patients",
            "Doctor", "Nurse", "Physician", "Care", "Team", "Group", "Study", "Trial", "Questionnaire", "Scale",
            "Score", "Index", "Test", "Disease", "Syndrome", "Status", "ID", "MRN", "DOB", "Phone", "Tel", "Email",
            "Address", "Room", "Bed", "Floor", "Emergency", "Intensive", "Outpatient", "Inpatient", "Follow",
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
            "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Street", "Avenue", "Road", "Lane", "Drive", "Safety",
            "Records", "Record", "Portal", "Reported", "Presented", "Denies", "Reports", "States", "Says", "Today",
            "Yesterday", "Also", "Not", "No", "Yes", "None", "Other", "Others", "Medicine", "Surgery", "Cardiology",
            "Oncology", "Neurology", "Pediatrics", "Radiology", "Pathology", "Family", "Medicare", "Medicaid",
            "Insurance", "Preferred", "Language", "English", "Spanish", "Chinese", "American", "African", "Asian",
            "Hispanic", "Caucasian", "White", "Black", "Mr", "Mrs", "Ms", "Dr", "Prof", "Miss", "Saint", "St");

    /** Nouns that make a preceding surname an eponym. */
    private static final NameSet EPONYM_NOUNS = bothCases("disease", "syndrome", "sign", "signs", "test", "tests",
            "score", "scores", "scale", "lymphoma", "correction", "classification", "criteria", "criterion", "law",
            "reflex", "phenomenon", "cell", "cells", "body", "bodies", "node", "nodes", "ulcer", "palsy", "fracture",
            "maneuver", "manoeuvre", "thyroiditis", "encephalopathy", "dementia", "grade", "grading", "method",
            "curve", "curves", "index", "equation", "formula", "type", "tumor", "tumour", "sarcoma", "triad",
            "anomaly", "catheter", "tube", "stain", "staining", "agar", "solution", "procedure", "operation",
            "repair", "shunt", "fundoplication", "esophagus", "oesophagus", "estimator", "estimate", "analysis",
            "regression", "model", "plot", "plots", "coefficient", "distribution", "statistic", "statistics",
            "adjustment", "approach", "hazards", "exact", "rank", "signed", "t-test", "chi-square", "incision",
            "position", "line", "lines", "granules", "nodules", "spots", "nodule", "disorder", "disorders",
            "variant", "ataxia", "dystrophy", "neuroma", "hernia", "diverticulum", "esophagitis", "effect", "reaction",
            "test's", "coma", "space", "duct", "canal", "loop", "gland", "glands", "fibers", "fibres", "plexus",
            "patch", "patches", "valve", "sphincter", "ligament", "membrane", "triangle", "area", "aphasia",
            "cardiomyopathy", "arteritis", "phenomena", "contracture", "deformity", "nerve", "pouch", "system",
            "cycle", "rule", "rules", "number", "units", "unit", "kappa", "alpha", "tau", "rho", "gangrene", "plus",
            "staging", "anemia", "anaemia", "paralysis", "neuropathy", "atrophy", "myopathy", "keratitis",
            "dysplasia", "malformation", "complex", "sequence", "association");

    private static final NameSet CREDENTIALS = NameSet.of(Set.of("MD", "M.D.", "RN", "NP", "PA", "PA-C", "DO",
            "PhD", "DDS", "FNP", "CNM", "MSN", "APRN", "LPN", "FACS", "FACP", "MBBS", "CNP", "DNP", "PharmD"));

    private EnglishWords() {
    }

    /** Whether a credential (", MD") starts at {@code at} (after the comma, past one space). */
    static boolean isCredential(String text, int at) {
        int start = at < text.length() && text.charAt(at) == ' ' ? at + 1 : at;
        int end = start;
        while (end < text.length() && (Character.isLetter(text.charAt(end)) || text.charAt(end) == '.'
                || text.charAt(end) == '-')) {
            end++;
        }
        while (end > start && text.charAt(end - 1) == '.' && !CREDENTIALS.contains(text, start, end)) {
            end--;
        }
        return end > start && CREDENTIALS.contains(text, start, end);
    }

    /**
     * Whether the word after {@code end} (past "'s", "'", one space and up to three more capitalised words, as in
     * "Scott Bryant Graham syndrome") makes the name before an eponym.
     */
    static boolean eponymNounAfter(String text, int end) {
        int p = end;
        for (int n = 0; n < 3 && p + 1 < text.length() && text.charAt(p) == ' '
                && Character.isUpperCase(text.charAt(p + 1)); n++) {
            int wordEnd = p + 1;
            while (wordEnd < text.length() && Character.isLetter(text.charAt(wordEnd))) {
                wordEnd++;
            }
            if (EPONYM_NOUNS.contains(text, p + 1, wordEnd)) {
                return true;
            }
            p = wordEnd;
        }
        if (p < text.length() && (text.charAt(p) == '\'' || text.charAt(p) == '’')) {
            p++;
            if (p < text.length() && text.charAt(p) == 's') {
                p++;
            }
        }
        if (p >= text.length() || text.charAt(p) != ' ' && text.charAt(p) != '-') {
            return false;
        }
        p++;
        int wordEnd = p;
        while (wordEnd < text.length() && (Character.isLetter(text.charAt(wordEnd)) || text.charAt(wordEnd) == '-')) {
            wordEnd++;
        }
        return wordEnd > p && EPONYM_NOUNS.contains(text, p, wordEnd);
    }

    /** A set that tolerates repeated words, since these lists are edited by hand. */
    private static Set<String> words(String... words) {
        return Set.copyOf(List.of(words));
    }

    private static NameSet bothCases(String... words) {
        List<String> all = new ArrayList<>();
        for (String word : words) {
            all.add(word.toLowerCase(Locale.ROOT));
            all.add(Character.toUpperCase(word.charAt(0)) + word.substring(1).toLowerCase(Locale.ROOT));
            all.add(word.toUpperCase(Locale.ROOT)); // "PATIENT: John Smith" in a form's header
        }
        return NameSet.of(all);
    }
}
