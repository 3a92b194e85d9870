package medstream.cleaning.pii;

import java.util.ArrayList;
import java.util.List;

/**
 * Label words of several lists in one table keyed by first character, so that one pass over a text finds them all:
 * per position, one lower-casing and one probe of a bit set of the words' first two characters, instead of one scan
 * of a lower-cased copy per word.
 */
final class LabelWords {

    private final List<List<String>> lists = new ArrayList<>();
    /** Distinct words (a word of several lists is checked once) and, for each, the lists it belongs to. */
    private final char[][] words;
    private final int[][] listsOfWord;
    /** Lower-case first character -> indexes into {@link #words}; ASCII in an array, the rest in a map. */
    private final int[][] byAsciiFirst = new int[128][];
    private final java.util.Map<Character, int[]> byOtherFirst = new java.util.HashMap<>();
    private final java.util.BitSet otherFirsts = new java.util.BitSet(0x10000);
    /** First two characters of every word of two or more, hashed by {@link #pairKey}. */
    private final java.util.BitSet pairs = new java.util.BitSet(0x10000);
    /** ASCII words of one character ("p"), which the pair filter cannot see. */
    private final boolean[] singleFirst = new boolean[128];

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
        java.util.Map<Character, List<Integer>> byFirst = new java.util.TreeMap<>();
        int w = 0;
        for (java.util.Map.Entry<String, List<Integer>> e : byWord.entrySet()) {
            words[w] = e.getKey().toCharArray();
            listsOfWord[w] = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            byFirst.computeIfAbsent(words[w][0], c -> new ArrayList<>()).add(w);
            if (words[w].length > 1) {
                pairs.set(pairKey(words[w][0], words[w][1]));
            } else if (words[w][0] < 0x80) {
                singleFirst[words[w][0]] = true;
            } else {
                throw new IllegalArgumentException("a one-character label word must be ASCII: " + e.getKey());
            }
            w++;
        }
        byFirst.forEach((c, ws) -> {
            int[] indexes = ws.stream().mapToInt(Integer::intValue).toArray();
            if (c < 0x80) {
                byAsciiFirst[c] = indexes;
            } else {
                byOtherFirst.put(c, indexes);
                otherFirsts.set(c);
            }
        });
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
            // Most positions fail here, on one bit, before any table of words is looked at.
            if (!pairs.get(pairKey(c, next)) && !(c < 0x80 && singleFirst[c])) {
                continue;
            }
            int[] candidates = c < 0x80 ? byAsciiFirst[c] : otherFirsts.get(c) ? byOtherFirst.get(c) : null;
            if (candidates == null) {
                continue;
            }
            for (int w : candidates) {
                if (!occursAt(text, words[w], at)) {
                    continue;
                }
                for (int l : listsOfWord[w]) {
                    if (positions[l] == null) {
                        positions[l] = new int[4];
                    } else if (counts[l] == positions[l].length) {
                        positions[l] = java.util.Arrays.copyOf(positions[l], counts[l] * 2);
                    }
                    positions[l][counts[l]++] = at;
                }
            }
        }
        for (int l = 0; l < positions.length; l++) {
            positions[l] = positions[l] == null ? new int[0] : java.util.Arrays.copyOf(positions[l], counts[l]);
        }
        return positions;
    }

    /** Where the first two (lower-case) characters of a word go in {@link #pairs}; collisions only cost a look. */
    private static int pairKey(char first, char second) {
        return (first * 31 + second) & 0xFFFF;
    }

    private static boolean occursAt(String text, char[] word, int at) {
        if (at + word.length > text.length()) {
            return false;
        }
        for (int k = 1; k < word.length; k++) {
            if (lower(text.charAt(at + k)) != word[k]) {
                return false;
            }
        }
        return true;
    }

    /** The character as {@code String.toLowerCase(Locale.ROOT)} maps it when the length is kept. */
    private static char lower(char c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c;
        }
        return Character.toLowerCase(c);
    }
}
