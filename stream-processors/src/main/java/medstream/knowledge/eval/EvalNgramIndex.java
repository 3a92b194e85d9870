package medstream.knowledge.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import medstream.contracts.EvalItem;
import medstream.contracts.Option;

/**
 * The word 13-grams of evaluation items (question, context and option texts), for the decontamination
 * check GPT-3 and AntGLM-Med use: a training text that shares any 13-gram with an evaluation item is
 * contaminated. Words are lower-cased runs of letters and digits; CJK characters count one word each.
 *
 * <p>Grams are kept as 64-bit hashes (FNV-1a over per-word hashes): about 400k grams for the shared
 * evaluation sets, where 32-bit hashes would give spurious matches. Thread-safe: one index is shared by
 * every guard of an application instance; it only grows.
 */
public final class EvalNgramIndex {
    /** Gram length in words. */
    public static final int N = 13;

    private final ConcurrentHashMap<Long, String> owners = new ConcurrentHashMap<>();
    private final Set<String> indexed = ConcurrentHashMap.newKeySet();

    /** Indexes an evaluation item once (by id). */
    public void add(EvalItem item) {
        if (!indexed.add(item.getId())) {
            return;
        }
        for (long g : hashes(text(item))) {
            owners.putIfAbsent(g, item.getId());
        }
    }

    /** Number of items indexed. */
    public int size() {
        return indexed.size();
    }

    /** The id of an evaluation item that shares a 13-gram with {@code text}, if any. */
    public Optional<String> overlap(String text) {
        for (long g : hashes(text)) {
            String owner = owners.get(g);
            if (owner != null) {
                return Optional.of(owner);
            }
        }
        return Optional.empty();
    }

    /** The text of an item that must not reach training data. */
    static String text(EvalItem item) {
        StringBuilder s = new StringBuilder(item.getQuestion());
        if (item.getContext() != null) {
            s.append('\n').append(item.getContext());
        }
        for (Option o : item.getOptions()) {
            s.append('\n').append(o.getText());
        }
        return s.toString();
    }

    /** The words of a text as 64-bit hashes. */
    static List<Long> words(String text) {
        List<Long> words = new ArrayList<>();
        String t = text.toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < t.length()) {
            int cp = t.codePointAt(i);
            int len = Character.charCount(cp);
            if (medstream.knowledge.TextUnits.isCjk(cp)) {
                words.add(fnv(t, i, i + len));
                i += len;
            } else if (Character.isLetterOrDigit(cp)) {
                int start = i;
                while (i < t.length()) {
                    int c = t.codePointAt(i);
                    if (!Character.isLetterOrDigit(c) || medstream.knowledge.TextUnits.isCjk(c)) {
                        break;
                    }
                    i += Character.charCount(c);
                }
                words.add(fnv(t, start, i));
            } else {
                i += len;
            }
        }
        return words;
    }

    static long[] hashes(String text) {
        List<Long> w = words(text);
        if (w.size() < N) {
            return new long[0];
        }
        long[] out = new long[w.size() - N + 1];
        for (int start = 0; start < out.length; start++) {
            long h = 0xcbf29ce484222325L;
            for (int k = start; k < start + N; k++) {
                h ^= w.get(k);
                h *= 0x100000001b3L;
            }
            out[start] = h;
        }
        return out;
    }

    private static long fnv(String s, int from, int to) {
        long h = 0xcbf29ce484222325L;
        for (int i = from; i < to; i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
