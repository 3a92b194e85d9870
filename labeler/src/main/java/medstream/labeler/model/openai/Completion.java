package medstream.labeler.model.openai;

import java.util.List;

/**
 * The first choice of a {@code /v1/completions} answer.
 *
 * @param text          the generated text (with {@code echo}, the prompt followed by it)
 * @param tokens        the echoed and generated tokens as text (empty without {@code logprobs})
 * @param tokenLogprobs natural-log probability of each token given the ones before it; null for the first
 * @param textOffset    where each token starts in the text, in Unicode code points (Python string indices)
 */
record Completion(String text, List<String> tokens, List<Double> tokenLogprobs, int[] textOffset) {

    /**
     * Sum and count of the log-probabilities of the tokens of {@code text[promptChars, fullChars)} (code points):
     * the option span of a scoring answer, found by text offsets as lm-evaluation-harness finds its continuation, so no
     * client-side tokenizer is needed. Tokens from {@code fullChars} on (the one generated token) are left out. The
     * generated token's offset is the echoed length as the server counts it, so the difference to {@code fullChars} is
     * the shift of every offset near the end: positive for a server that renders a BOS such as {@code <s>}, negative for
     * one that leaves a chat template's special tokens out of its text. The option follows them all, so its offsets
     * shift by exactly that.
     */
    SpanLogProb span(int promptChars, int fullChars) {
        int n = textOffset.length;
        if (n == 0) throw new CompletionJson.MalformedAnswer("the answer has no logprobs; the server must support echo with logprobs");
        int shift = textOffset[n - 1] - fullChars;
        double sum = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            int at = textOffset[i] - shift;
            if (at < promptChars || at >= fullChars) continue;
            Double lp = tokenLogprobs.get(i);
            if (lp == null) throw new CompletionJson.MalformedAnswer("token " + i + " of the option has no log-probability");
            sum += lp;
            count++;
        }
        if (count == 0) {
            throw new IllegalArgumentException("no token starts inside the option (characters " + promptChars + ".." + fullChars
                    + "): the server's tokenizer merged it into the prompt's last token; end prompts before a space");
        }
        return new SpanLogProb(sum, count);
    }

    /** Sum of log-probabilities and number of tokens of a span. */
    record SpanLogProb(double sum, int tokens) {}
}
