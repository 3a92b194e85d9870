package medstream.cleaning.pii;

import java.util.List;

/**
 * Finds Chinese person names in person contexts: a common surname and one or two given-name characters right after
 * a cue (患者, 主治医师, 家属, 之子 ...) or right before one (女士, 先生, 医生, 主任 ...). Without a cue a Chinese
 * name cannot be told from ordinary words by characters alone, so none is taken. The first given-name character must
 * be a frequent given-name character and no given-name character may be a function or clinical character (于, 因, 热,
 * 某 ...), which keeps "患者高热", "患者于2020年" and the already pseudonymised "王某某". Surnames and given-name
 * characters: Datafaker's zh-CN lists plus frequent given-name characters (see NOTICE-datafaker.txt).
 */
final class ChineseNameDetector implements PiiDetector {

    private static final NameSet SURNAMES = NameSet.of(NameSet.resource("zh-surnames.txt"));
    private static final NameSet GIVEN = NameSet.of(NameSet.resource("zh-given-chars.txt"));
    /** Characters that cannot be part of a given name in these contexts: function words, clinical words. */
    private static final String STOP = "于因在为是有无男女岁自诉主今昨近曾已经被以等及与的了着过现既反复突感伴术后前中内外"
            + "上下左右腹胸头心肺肝肾胃肠脑骨体检查诊断治疗服药用行予给住院来去回再又也都均就即未不没否请要需应可能会将把从向对"
            + "跟同由到至每日月年天时次个名位例性型期度级量率某热烧咳痛血压糖病症状出入当地该本我其他她他们者属患儿医师护士生长"
            + "签陪说告讲称问答谈知接送看听叫让做取拿诊室科床号岁余约近称述示见及或并且但而如若则所之一二三四五六七八九十两几多少高低大小轻重急慢新旧";
    private static final List<String> BEFORE = List.of("患者", "病人", "患儿", "医师", "医生", "主任", "护士", "护师",
            "家属", "之子", "之女", "其子", "其女", "其妻", "其夫", "丈夫", "妻子", "儿子", "女儿", "母亲", "父亲", "姓名",
            "签名", "记录人", "联系人", "代诉人", "陪同人", "孙子", "孙女", "配偶");
    private static final List<String> AFTER = List.of("女士", "先生", "医生", "医师", "主任", "教授", "护士", "老人",
            "同志", "阿姨", "大夫");
    private static final LabelWords CUES = LabelWords.of(List.of(BEFORE, AFTER));

    @Override
    public void find(String text, List<PiiMatch> out) {
        if (!hasHan(text)) {
            return;
        }
        int[][] positions = CUES.find(text);
        int lastEnd = -1;
        for (int cue : positions[0]) {
            int start = skipSeparators(text, cue + cueLength(text, cue, BEFORE));
            int end = nameAt(text, start);
            if (end > start && start >= lastEnd) {
                out.add(new PiiMatch(PiiType.NAME, start, end));
                lastEnd = end;
            }
        }
        for (int cue : positions[1]) {
            int start = nameBefore(text, cue);
            if (start >= 0) {
                out.add(new PiiMatch(PiiType.NAME, start, cue));
            }
        }
    }

    /** The end of a name starting at {@code start}, or {@code start} when there is none. */
    private static int nameAt(String text, int start) {
        int surname = surnameLength(text, start);
        if (surname == 0) {
            return start;
        }
        int g = start + surname;
        if (!isGiven(text, g) || !GIVEN.contains(text, g, g + 1)) {
            return start;
        }
        return isGiven(text, g + 1) ? g + 2 : g + 1;
    }

    /** The start of a two- or three-character name (or compound surname) ending at {@code cue}, or -1. */
    private static int nameBefore(String text, int cue) {
        for (int length = 4; length >= 2; length--) {
            int start = cue - length;
            if (start < 0) {
                continue;
            }
            int surname = surnameLength(text, start);
            int given = length - surname;
            if (surname == 0 || given < 1 || given > 2) {
                continue;
            }
            boolean ok = true;
            for (int i = start + surname; i < cue && ok; i++) {
                ok = isGiven(text, i);
            }
            // Where the name starts after a boundary (a function character, punctuation), the honorific is evidence
            // enough; else the first given-name character must be a frequent one.
            boolean boundary = start == 0 || !isHan(text.charAt(start - 1)) || STOP.indexOf(text.charAt(start - 1)) >= 0;
            boolean frequent = GIVEN.contains(text, start + surname, start + surname + 1);
            if (ok && (boundary || length == 2 && frequent)) {
                return start;
            }
        }
        return -1;
    }

    private static int surnameLength(String text, int at) {
        if (at + 2 <= text.length() && SURNAMES.contains(text, at, at + 2)) {
            return 2;
        }
        return at < text.length() && SURNAMES.contains(text, at, at + 1) ? 1 : 0;
    }

    private static boolean isGiven(String text, int at) {
        return at < text.length() && isHan(text.charAt(at)) && STOP.indexOf(text.charAt(at)) < 0;
    }

    private static int cueLength(String text, int at, List<String> cues) {
        for (String cue : cues) {
            if (text.startsWith(cue, at)) {
                return cue.length();
            }
        }
        return 0;
    }

    private static int skipSeparators(String text, int at) {
        while (at < text.length() && (text.charAt(at) == ':' || text.charAt(at) == '：' || text.charAt(at) == ' ')) {
            at++;
        }
        return at;
    }

    static boolean isHan(char c) {
        return c >= '\u4e00' && c <= '\u9fa5';
    }

    static boolean hasHan(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isHan(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
