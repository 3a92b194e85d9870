package medstream.knowledge.streams;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Word 13-grams as used for decontamination (GPT-3 style): lower-cased letter/digit runs, joined by spaces. */
final class NGrams {
    static final int N = 13;

    private NGrams() { }

    static Set<String> of(String text) {
        List<String> words = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        Set<String> grams = new HashSet<>();
        for (int i = 0; i + N <= words.size(); i++) {
            grams.add(String.join(" ", words.subList(i, i + N)));
        }
        return grams;
    }
}
