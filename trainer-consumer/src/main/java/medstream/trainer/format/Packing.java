package medstream.trainer.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Stage 1's packing: documents concatenated (each already ends in EOS) and cut into rows. */
public final class Packing {

    private Packing() {}

    /**
     * Packs documents into rows of {@code context + 1} ids. Row k holds stream positions
     * {@code k*context .. k*context + context}, so consecutive rows share one id and every id after the first
     * is a target exactly once. The last row is padded with {@code padId} and masked there.
     *
     * @param documents formatted documents in round order
     * @param context model context
     * @param padId padding id
     * @return the rows, each of length {@code context + 1}
     */
    public static List<Example> pack(List<Example> documents, int context, int padId) {
        int total = 0;
        for (Example d : documents) {
            total += d.tokens().length;
        }
        int[] stream = new int[total];
        int at = 0;
        for (Example d : documents) {
            System.arraycopy(d.tokens(), 0, stream, at, d.tokens().length);
            at += d.tokens().length;
        }
        List<Example> rows = new ArrayList<>();
        for (int start = 0; start + 1 < total; start += context) {
            int end = Math.min(total, start + context + 1); // exclusive
            int[] row = new int[context + 1];
            Arrays.fill(row, padId);
            System.arraycopy(stream, start, row, 0, end - start);
            float[] mask = new float[context];
            Arrays.fill(mask, 0, end - start - 1, 1f);
            rows.add(new Example(row, mask, 1f));
        }
        return rows;
    }
}
