package medstream.cleaning.pii;

import java.util.ArrayList;
import java.util.List;

/**
 * Label words of several lists in one table keyed by their first two characters, so that one pass over a text finds
 * them all: per position, one lower-casing and one probe of the table, which is empty for almost every pair of
 * characters, instead of one scan of a lower-cased copy per word.
 */
final class LabelWords {

    /**
     * {@code Character.toLowerCase} of every char, looked up: calling it for each character of a Chinese text was
     * half of the scrubber's time on the bench documents.
     */
    private static final char[] LOWER = new char[0x10000];
    private static final int PAIR_BUCKETS = 0x1000;

    static {
        for (int c = 0; c < LOWER.length; c++) {
            LOWER[c] = Character.toLowerCase((char) c);
        }
    }

    private final List<List<String>> lists = new ArrayList<>();
    /** Distinct words (a word of several lists is checked once) and, for each, the lists it belongs to. */
    private final char[][] words;
    private final int[][] listsOfWord;
    /**
     * Indexes into {@link #words} of the words of two or more characters, by {@link #pairKey} of their first two;
     * a bucket may hold words of other pairs that share its key, so each is compared in full.
     */
    private final int[][] byPair = new int[PAIR_BUCKETS][];
    /** Indexes of the ASCII words of one character ("p"), by that character. */
    private final int[][] singles = new int[128][];

    private LabelWords(List<List<String>> wordLists) {
        lists.addAll(wordLists);
        java.util.Map<String, List<Integer>> byWord = new java.util.LinkedHashMap<>();
        for (int l = 0; l < lists.size(); l++) {
            for (String word : lists.get(l)) {
                byWord.computeIfAbsent(word, w -> new ArrayList<>()).add(l);
            }
        }
        words = new char[byWord.size()][];
        listsOfWord = new int[byWord.size()][];
        int w = 0;
        for (java.util.Map.Entry<String, List<Integer>> e : byWord.entrySet()) {
            words[w] = e.getKey().toCharArray();
            listsOfWord[w] = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            if (words[w].length > 1) {
                int key = pairKey(words[w][0], words[w][1]);
                byPair[key] = append(byPair[key], w);
            } else if (words[w][0] < 0x80) {
                singles[words[w][0]] = append(singles[words[w][0]], w);
            } else {
                throw new IllegalArgumentException("a one-character label word must be ASCII: " + e.getKey());
            }
            w++;
        }
    }

    private static int[] append(int[] indexes, int w) {
        int[] out = indexes == null ? new int[1] : java.util.Arrays.copyOf(indexes, indexes.length + 1);
        out[out.length - 1] = w;
        return out;
    }

    /** A table of the given word lists (lower case); {@link #find} reports positions per list. */
    static LabelWords of(List<List<String>> wordLists) {
        return new LabelWords(wordLists);
    }

    /** Index of a word list (by identity: each rule's lists are constants). */
    int indexOf(List<String> list) {
        for (int l = 0; l < lists.size(); l++) {
            if (lists.get(l) == list) {
                return l;
            }
        }
        throw new IllegalArgumentException("not a rule's word list: " + list);
    }

    /** Positions of every list's words in the text, by list index. */
    int[][] find(String text) {
        int length = text.length();
        int[][] positions = new int[lists.size()][];
        int[] counts = new int[lists.size()];
        char next = length > 0 ? lower(text.charAt(0)) : 0;
        for (int at = 0; at < length; at++) {
            char c = next;
            next = at + 1 < length ? lower(text.charAt(at + 1)) : 0;
            int[] single = c < 0x80 ? singles[c] : null;
            if (single != null) {
                for (int w : single) {
                    add(w, positions, counts, at);
                }
            }
            int[] candidates = byPair[pairKey(c, next)];
            if (candidates == null) {
                continue;
            }
            for (int w : candidates) {
                if (words[w][0] == c && words[w][1] == next && occursAt(text, words[w], at)) {
                    add(w, positions, counts, at);
                }
            }
        }
        for (int l = 0; l < positions.length; l++) {
            positions[l] = positions[l] == null ? new int[0] : java.util.Arrays.copyOf(positions[l], counts[l]);
        }
        return positions;
    }

    /** Records position {@code at} in the lists of word {@code w}. */
    private void add(int w, int[][] positions, int[] counts, int at) {
        for (int l : listsOfWord[w]) {
            if (positions[l] == null) {
                positions[l] = new int[4];
            } else if (counts[l] == positions[l].length) {
                positions[l] = java.util.Arrays.copyOf(positions[l], counts[l] * 2);
            }
            positions[l][counts[l]++] = at;
        }
    }

    /** The bucket of {@link #byPair} of a word's first two (lower-case) characters. */
    private static int pairKey(char first, char second) {
        return (first * 31 + second) & (PAIR_BUCKETS - 1);
    }

    private static boolean occursAt(String text, char[] word, int at) {
        if (at + word.length > text.length()) {
            return false;
        }
        for (int k = 2; k < word.length; k++) {
            if (lower(text.charAt(at + k)) != word[k]) {
                return false;
            }
        }
        return true;
    }

    /** The character as {@code String.toLowerCase(Locale.ROOT)} maps it when the length is kept. */
    private static char lower(char c) {
        return LOWER[c];
    }
}
