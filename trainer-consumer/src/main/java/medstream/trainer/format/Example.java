package medstream.trainer.format;

import java.util.Arrays;

/**
 * One training row: ids {@code tokens[0..L]}, inputs are {@code 0..L-1} and targets {@code 1..L}.
 *
 * @param tokens the ids, at most context + 1 of them
 * @param lossMask weight of each target, length {@code tokens.length - 1}: 0 on prompt and padding
 * @param weight sample weight of the whole row
 */
public record Example(int[] tokens, float[] lossMask, float weight) {

    /** Validates shapes. */
    public Example {
        if (tokens.length < 2 || lossMask.length != tokens.length - 1) {
            throw new IllegalArgumentException("an example needs >= 2 tokens and one mask entry per target, got "
                    + tokens.length + " tokens and " + lossMask.length + " mask entries");
        }
        if (!(weight >= 0) || Float.isInfinite(weight)) {
            throw new IllegalArgumentException("weight must be finite and >= 0, got " + weight);
        }
    }

    /** Row length in ids. */
    public int length() {
        return tokens.length;
    }

    /** Targets that count in the loss. */
    public int targetTokens() {
        int n = 0;
        for (float m : lossMask) {
            n += m > 0 ? 1 : 0;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Example e && Arrays.equals(tokens, e.tokens) && Arrays.equals(lossMask, e.lossMask)
                && Float.compare(weight, e.weight) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(tokens) + Arrays.hashCode(lossMask)) + Float.hashCode(weight);
    }

    @Override
    public String toString() {
        return "Example[" + tokens.length + " tokens, " + targetTokens() + " targets, weight " + weight + "]";
    }
}
