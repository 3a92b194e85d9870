package medstream.cleaning.pii;

import java.util.List;
import java.util.Set;

/**
 * Finds names of hospitals, clinics and other places of care. English: a capitalised facility word (Hospital,
 * Medical Center, Clinic ...) with the capitalised words before it ("St. Mary's Hospital", "Cedars-Sinai Medical
 * Center") and an "of ..." tail ("Hospital of the University of Pennsylvania"); generic names alone ("General
 * Hospital", "the Emergency Clinic") stay. Chinese: the characters before 医院, 卫生院, 诊所 ... back to a verb or
 * preposition ("于北京协和医院" gives "北京协和医院"); "我院", "当地医院" and "某医院" stay.
 */
final class FacilityDetector implements PiiDetector {

    private static final List<String> ENGLISH = List.of("hospital", "medical center", "medical centre", "clinic",
            "health system", "infirmary", "nursing home", "health center", "health centre", "cancer center",
            "cancer institute", "rehabilitation center", "hospice", "health care center",
            "children's hospital", "surgery center", "medical group", "care center");
    private static final List<String> CHINESE = List.of("医院", "卫生院", "诊所", "保健院", "卫生服务中心", "疗养院",
            "医疗中心", "医学中心", "中医院");
    /** Scanned for by {@link TextScans}, with the other detectors' label words. */
    static final List<List<String>> LABEL_LISTS = List.of(ENGLISH, CHINESE);
    /** Capitalised words that do not make a facility name specific. */
    private static final Set<String> GENERIC = Set.of("The", "General", "Community", "Regional", "University",
            "Memorial", "Teaching", "Private", "Public", "Psychiatric", "County", "District", "Tertiary", "Local",
            "Outpatient", "Inpatient", "Emergency", "Children's", "Women's", "Veterans", "Rural", "Urban", "City",
            "State", "National", "Military", "Mental", "Health", "Medical", "Care", "Our", "This", "A", "An", "Your",
            "Academic", "Specialty", "Pediatric", "Day", "Walk-in", "Primary", "Dental", "Eye", "Cancer", "Family",
            "Main", "Affiliated", "Referral", "Hospital", "Clinic", "Center", "Centre", "Level", "Trauma", "Same",
            "In", "At", "From", "To", "Of", "And", "For", "By", "With", "On", "Each", "Both", "All", "Two", "Three",
            "Several", "Many", "Most", "Some", "Other", "Another");
    private static final Set<String> FACILITY_WORDS = Set.of("Hospital", "Clinic", "Medical", "Health",
            "Infirmary", "Nursing", "Cancer", "Rehabilitation", "Hospice", "Children's", "Surgery",
            "Care");
    private static final String ZH_STOP = "于在到至往转入经由就诊收住的与及、，。；：:()（）我本该此其某外院当地上级基层"
            + "送去赴来从自向当是为或各";
    private static final int MAX_WORDS_BEFORE = 6;
    private static final int MAX_HAN_BEFORE = 14;

    @Override
    public void find(String text, List<PiiMatch> out) {
        TextScans scans = TextScans.of(text);
        int lastEnd = -1;
        for (int at : scans.labels(ENGLISH)) {
            if (at >= lastEnd && Character.isUpperCase(text.charAt(at)) && isKeywordWord(text, at)) {
                lastEnd = english(text, at, out, lastEnd);
            }
        }
        for (int at : scans.labels(CHINESE)) {
            if (at >= lastEnd) {
                lastEnd = chinese(text, at, out, lastEnd);
            }
        }
    }

    private static int english(String text, int keyword, List<PiiMatch> out, int lastEnd) {
        int end = wordsEnd(text, keyword);
        int start = keyword;
        boolean specific = false;
        for (int n = 0; n < MAX_WORDS_BEFORE; n++) {
            int wordEnd = start - 1;
            if (wordEnd <= 0 || text.charAt(wordEnd) != ' ') {
                break;
            }
            int wordStart = wordEnd;
            while (wordStart > 0 && isNameChar(text.charAt(wordStart - 1))) {
                wordStart--;
            }
            if (wordStart == wordEnd || text.charAt(wordEnd - 1) == '.' && wordEnd - wordStart > 3) {
                break; // a full stop after a word longer than "St." ends the previous sentence
            }
            char first = text.charAt(wordStart);
            boolean connector = text.startsWith("of ", wordStart) || text.startsWith("and ", wordStart)
                    || text.startsWith("& ", wordStart);
            if (!Character.isUpperCase(first) && !connector) {
                break;
            }
            String word = text.substring(wordStart, wordEnd);
            if (!connector && !GENERIC.contains(word)) {
                specific = true;
            }
            start = wordStart;
        }
        while (start < keyword && (startsWithWord(text, start, "The") || startsWithWord(text, start, "of")
                || startsWithWord(text, start, "and"))) {
            start = text.indexOf(' ', start) + 1;
        }
        if (end + 2 < text.length() && text.charAt(end) == ' ' && Character.isUpperCase(text.charAt(end + 1))
                && Character.isLowerCase(text.charAt(end + 2))) {
            return lastEnd; // "Barcelona Clinic Liver Cancer Staging", "Mayo Clinic Proceedings": a name of a thing
        }
        int tail = ofTail(text, end);
        if (tail > end) {
            specific = true;
            end = tail;
        }
        if (!specific || start < lastEnd) {
            return lastEnd;
        }
        while (end > start && text.charAt(end - 1) == '.') {
            end--; // the sentence's full stop
        }
        out.add(new PiiMatch(PiiType.FACILITY, start, end));
        return end;
    }

    /** The end of the capitalised facility words from {@code at} ("Medical Center"). */
    private static int wordsEnd(String text, int at) {
        int end = at;
        while (end < text.length() && isNameChar(text.charAt(end))) {
            end++;
        }
        while (end + 1 < text.length() && text.charAt(end) == ' ' && Character.isUpperCase(text.charAt(end + 1))
                && (text.startsWith("Center", end + 1) || text.startsWith("Centre", end + 1)
                || text.startsWith("System", end + 1) || text.startsWith("Institute", end + 1)
                || text.startsWith("Home", end + 1) || text.startsWith("Group", end + 1)
                || text.startsWith("Hospital", end + 1))) {
            end = wordsEnd(text, end + 1);
        }
        return end;
    }

    /** "of [the] Capitalised Words", as in "Hospital of the University of Pennsylvania"; else {@code end}. */
    private static int ofTail(String text, int end) {
        int p = end;
        if (!text.startsWith(" of ", p)) {
            return end;
        }
        p += 4;
        if (text.startsWith("the ", p)) {
            p += 4;
        }
        int tail = end;
        while (p < text.length() && Character.isUpperCase(text.charAt(p))) {
            int wordEnd = p;
            while (wordEnd < text.length() && isNameChar(text.charAt(wordEnd))) {
                wordEnd++;
            }
            if (text.charAt(wordEnd - 1) == '.') {
                tail = wordEnd - 1; // the sentence ends here
                break;
            }
            tail = wordEnd;
            if (text.startsWith(" of ", wordEnd)) {
                p = wordEnd + 4;
            } else if (wordEnd < text.length() && text.charAt(wordEnd) == ' ') {
                p = wordEnd + 1;
            } else {
                break;
            }
        }
        return tail;
    }

    private static int chinese(String text, int keyword, List<PiiMatch> out, int lastEnd) {
        int start = keyword;
        while (start > 0 && keyword - start < MAX_HAN_BEFORE && ZH_STOP.indexOf(text.charAt(start - 1)) < 0
                && (ChineseNameDetector.isHan(text.charAt(start - 1)) || Character.isDigit(text.charAt(start - 1)))) {
            start--;
        }
        if (keyword - start < 2 || start < lastEnd) {
            return lastEnd;
        }
        int end = keyword;
        while (end < text.length() && ChineseNameDetector.isHan(text.charAt(end)) && end - keyword < 6
                && "医院卫生诊所保健服务中心疗养学".indexOf(text.charAt(end)) >= 0) {
            end++;
        }
        out.add(new PiiMatch(PiiType.FACILITY, start, end));
        return end;
    }

    /** Whether the word at {@code at} is a whole facility word, not "Clinical" or "Hospitalization". */
    private static boolean isKeywordWord(String text, int at) {
        int end = at;
        while (end < text.length() && (Character.isLetter(text.charAt(end)) || text.charAt(end) == '\'')) {
            end++;
        }
        return FACILITY_WORDS.contains(text.substring(at, end));
    }

    private static boolean startsWithWord(String text, int at, String word) {
        return text.startsWith(word, at) && at + word.length() < text.length() && text.charAt(at + word.length()) == ' ';
    }

    private static boolean isNameChar(char c) {
        return Character.isLetter(c) || c == '\'' || c == '’' || c == '-' || c == '.' || c == '&';
    }
}
