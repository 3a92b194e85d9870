package medstream.trainer.config;

/**
 * What happens to a record longer than a training row (the model context plus one token).
 *
 * <p>Stage 1 documents are packed across rows, so only documents longer than {@code maxDocumentRows}
 * rows are refused (they are almost always a broken record: a whole book in one field). For stages 2 and
 * 3 the prompt's body (instruction input, PubMedQA context) is cut first, keeping its beginning and the
 * answer cue at its end, then the response's tail (the explanation) is cut; a record is refused only when it
 * is more than {@code maxOverflow} times a row long, or when the response alone would leave the prompt
 * fewer than {@code minPromptTokens}.
 *
 * @param maxDocumentRows stage 1: longest document in rows of context tokens
 * @param maxOverflow stages 2-3: longest accepted record as a multiple of the row length
 * @param minPromptTokens stages 2-3: prompt tokens that must survive truncation
 */
public record TruncationPolicy(int maxDocumentRows, double maxOverflow, int minPromptTokens) {

    /** Validates the limits. */
    public TruncationPolicy {
        if (maxDocumentRows < 1 || !(maxOverflow >= 1.0) || minPromptTokens < 1) {
            throw new IllegalArgumentException("need maxDocumentRows >= 1, maxOverflow >= 1 and minPromptTokens >= 1,"
                    + " got " + maxDocumentRows + ", " + maxOverflow + ", " + minPromptTokens);
        }
    }

    /** 64 rows per document; records up to 8 rows long are cut to fit; at least 16 prompt tokens survive. */
    public static TruncationPolicy defaults() {
        return new TruncationPolicy(64, 8.0, 16);
    }
}
