package medstream.lm.model;

import java.util.Arrays;

/** Checks on token id arrays, so a bad id fails with a clear message instead of a native index error. */
final class Tokens {

    private Tokens() {}

    static void check(int[] ids, int vocabSize, String what) {
        if (ids == null || ids.length == 0) {
            throw new IllegalArgumentException(what + " is empty; every " + what
                    + " needs at least one token (prepend a BOS token to an empty prompt)");
        }
        for (int id : ids) {
            if (id < 0 || id >= vocabSize) {
                throw new IllegalArgumentException(what + " holds token id " + id + " outside the vocabulary [0, "
                        + vocabSize + "); was it encoded with another tokenizer?");
            }
        }
    }

    /** The last {@code n} ids (all of them when shorter). */
    static int[] tail(int[] ids, int n) {
        return ids.length <= n ? ids : Arrays.copyOfRange(ids, ids.length - n, ids.length);
    }

    static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
