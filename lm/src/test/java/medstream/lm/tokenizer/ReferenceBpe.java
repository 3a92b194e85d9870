package medstream.lm.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Textbook BPE training for tests: recount every pair of every word before each merge. Slow but
 * obviously right, so the incremental trainer must produce exactly the same merges.
 */
final class ReferenceBpe {

    private ReferenceBpe() {
    }

    /** Merges as {@code [left, right]} id pairs, ties broken by the bytes of left, then right. */
    static List<List<Integer>> train(Iterable<String> texts, PreTokenizer preTokenizer, int maxMerges, long minFrequency) {
        Map<String, Long> frequencies = new HashMap<>();
        for (String text : texts) {
            for (String piece : preTokenizer.split(text)) {
                frequencies.merge(piece, 1L, Long::sum);
            }
        }
        List<List<Integer>> words = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        frequencies.forEach((word, count) -> {
            List<Integer> ids = new ArrayList<>();
            for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
                ids.add(b & 0xFF);
            }
            words.add(ids);
            counts.add(count);
        });
        List<byte[]> tokenBytes = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            tokenBytes.add(new byte[] {(byte) b});
        }
        List<List<Integer>> merges = new ArrayList<>();
        while (merges.size() < maxMerges) {
            Map<List<Integer>, Long> pairCounts = new HashMap<>();
            for (int w = 0; w < words.size(); w++) {
                List<Integer> word = words.get(w);
                for (int i = 0; i + 1 < word.size(); i++) {
                    pairCounts.merge(List.of(word.get(i), word.get(i + 1)), counts.get(w), Long::sum);
                }
            }
            List<Integer> best = null;
            long bestCount = 0;
            for (Map.Entry<List<Integer>, Long> entry : pairCounts.entrySet()) {
                if (best == null || entry.getValue() > bestCount
                        || entry.getValue() == bestCount && byteOrder(entry.getKey(), best, tokenBytes) < 0) {
                    best = entry.getKey();
                    bestCount = entry.getValue();
                }
            }
            if (best == null || bestCount < minFrequency) {
                break;
            }
            int left = best.get(0);
            int right = best.get(1);
            int newId = tokenBytes.size();
            byte[] joined = Arrays.copyOf(tokenBytes.get(left), tokenBytes.get(left).length + tokenBytes.get(right).length);
            System.arraycopy(tokenBytes.get(right), 0, joined, tokenBytes.get(left).length, tokenBytes.get(right).length);
            tokenBytes.add(joined);
            merges.add(List.of(left, right));
            for (List<Integer> word : words) {
                for (int i = 0; i + 1 < word.size(); i++) {
                    if (word.get(i) == left && word.get(i + 1) == right) {
                        word.set(i, newId);
                        word.remove(i + 1);
                    }
                }
            }
        }
        return merges;
    }

    private static int byteOrder(List<Integer> a, List<Integer> b, List<byte[]> tokenBytes) {
        int byLeft = Arrays.compareUnsigned(tokenBytes.get(a.get(0)), tokenBytes.get(b.get(0)));
        return byLeft != 0 ? byLeft : Arrays.compareUnsigned(tokenBytes.get(a.get(1)), tokenBytes.get(b.get(1)));
    }
}
