package medstream.cleaning.pii;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A set of words looked up by a region of a text without building a substring: the name detectors probe every
 * capitalised token of every document, and a {@code HashSet<String>} would cost one allocation per probe.
 * Open addressing, keys compared with {@link String#regionMatches}; immutable once built, so thread-safe.
 */
final class NameSet {
    private final String[] table;
    private final int mask;

    private NameSet(Collection<String> words) {
        int capacity = Integer.highestOneBit(Math.max(4, words.size() * 3)) << 1;
        table = new String[capacity];
        mask = capacity - 1;
        for (String word : words) {
            int slot = hash(word, 0, word.length()) & mask;
            while (table[slot] != null && !table[slot].equals(word)) {
                slot = (slot + 1) & mask;
            }
            table[slot] = word;
        }
    }

    /** A set of the given words (exact case). */
    static NameSet of(Collection<String> words) {
        return new NameSet(words);
    }

    /** The words of a UTF-8 resource next to this class, one a line; lines starting with '#' are comments. */
    static Set<String> resource(String name) {
        Set<String> words = new LinkedHashSet<>();
        try (InputStream in = NameSet.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("name list " + name + " is missing from the classpath: it ships in "
                        + "stream-processors/src/main/resources/medstream/cleaning/pii; rebuild the module");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read name list " + name, e);
        }
        return words;
    }

    /** Whether {@code text[start, end)} is in the set. */
    boolean contains(CharSequence text, int start, int end) {
        int slot = hash(text, start, end) & mask;
        int length = end - start;
        for (String key = table[slot]; key != null; key = table[slot = (slot + 1) & mask]) {
            if (key.length() == length && regionEquals(key, text, start)) {
                return true;
            }
        }
        return false;
    }

    private static boolean regionEquals(String key, CharSequence text, int start) {
        for (int k = 0; k < key.length(); k++) {
            if (key.charAt(k) != text.charAt(start + k)) {
                return false;
            }
        }
        return true;
    }

    private static int hash(CharSequence text, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + text.charAt(i);
        }
        return h ^ (h >>> 16);
    }
}
