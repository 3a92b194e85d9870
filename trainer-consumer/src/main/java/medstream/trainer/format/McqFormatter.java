package medstream.trainer.format;

import java.util.Arrays;
import medstream.contracts.McqTask;
import medstream.contracts.Option;
import medstream.lm.hf.ChatFormat;
import medstream.lm.prompt.McqPrompt;
import medstream.lm.prompt.PromptEncoder;
import medstream.lm.tokenizer.TextTokenizer;
import medstream.trainer.config.TruncationPolicy;

/**
 * Stage 3: question, context and options as the prompt, the answer (and explanation) as the response,
 * the record's sample weight as the row weight. Over-long records lose the end of their context first (down
 * to {@code minPromptTokens} of it), then the end of the explanation, then more context; the question,
 * options and answer are never cut.
 *
 * <p>A model with a chat template (see {@link ChatFormat}) is tuned on its own template, as it is scored by the
 * labeler and the evaluator: the prompt as the user's message, the answer (and explanation) as the assistant's reply
 * ending with the template's end-of-turn token.
 */
public final class McqFormatter implements RecordFormatter<McqTask> {

    private final PromptEncoder encoder;
    private final int rowLength;
    private final TruncationPolicy truncation;

    /**
     * @param tokenizer tokenizer of the parent version
     * @param context model context (a row holds context + 1 ids)
     * @param truncation truncation policy
     */
    public McqFormatter(TextTokenizer tokenizer, int context, TruncationPolicy truncation) {
        this(tokenizer, ChatFormat.PLAIN, context, truncation);
    }

    /**
     * @param tokenizer tokenizer of the parent version
     * @param chat the model's chat template shape; PLAIN for none
     * @param context model context (a row holds context + 1 ids)
     * @param truncation truncation policy
     */
    public McqFormatter(TextTokenizer tokenizer, ChatFormat chat, int context, TruncationPolicy truncation) {
        this.encoder = new PromptEncoder(tokenizer, chat);
        this.rowLength = context + 1;
        this.truncation = truncation;
    }

    @Override
    public Example format(McqTask record) {
        if (record.getQuestion() == null || record.getQuestion().isBlank()) {
            throw new UnformattableRecordException(UnformattableRecordException.EMPTY, "task " + record.getId()
                    + " has an empty question");
        }
        if (record.getOptions().size() < 2) {
            throw new UnformattableRecordException(UnformattableRecordException.BAD_OPTIONS, "task " + record.getId()
                    + " has " + record.getOptions().size() + " option(s); a multiple-choice task needs at least two");
        }
        Option answer = PromptFormats.findOption(record.getOptions(), record.getAnswer());
        if (answer == null) {
            throw new UnformattableRecordException(UnformattableRecordException.BAD_OPTIONS, "task " + record.getId()
                    + " has answer '" + record.getAnswer() + "', which is none of its option keys");
        }
        double w = record.getSampleWeight();
        if (!(w > 0) || Double.isInfinite(w)) {
            throw new UnformattableRecordException(UnformattableRecordException.BAD_WEIGHT, "task " + record.getId()
                    + " has sample weight " + w + "; weights must be finite and positive (drop the record instead"
                    + " of weighting it 0)");
        }
        PromptFormats.McqParts parts = PromptFormats.McqParts.of(encoder, record.getQuestion(), record.getContext(),
                record.getOptions());
        int[] answerIds = encoder.continuation(PromptFormats.optionContinuation(answer));
        String explanation = record.getExplanation();
        int[] tail = PromptFormats.concat(
                explanation == null || explanation.isBlank() ? new int[0]
                        : encoder.tokenizer().encode(McqPrompt.explanation(explanation)),
                encoder.end());
        int fixed = parts.fixedLength();
        int total = fixed + parts.context().length + answerIds.length + tail.length;
        if (total > truncation.maxOverflow() * rowLength) {
            throw overLong(record.getId(), total);
        }
        // Cut the context first, but keep at least minPromptTokens of it, then the explanation, then the rest
        // of the context; the question, options and answer are never cut.
        int room = rowLength - fixed - answerIds.length;
        if (room < 0) {
            throw overLong(record.getId(), total);
        }
        int contextMin = Math.min(parts.context().length, truncation.minPromptTokens());
        int contextKeep = Math.min(parts.context().length, Math.max(contextMin, room - tail.length));
        int tailKeep = Math.min(tail.length, room - contextKeep);
        if (tailKeep < 0) {
            contextKeep = room;
            tailKeep = 0;
        }
        int[] prompt = parts.prompt(Arrays.copyOf(parts.context(), contextKeep));
        int[] response = PromptFormats.concat(answerIds, Arrays.copyOf(tail, tailKeep));
        return PromptFormats.row(prompt, response, (float) w);
    }

    private UnformattableRecordException overLong(String id, int total) {
        return new UnformattableRecordException(UnformattableRecordException.OVER_LONG, "task " + id + " has " + total
                + " tokens and its question, options and answer alone do not fit a row of " + rowLength
                + " (or it exceeds " + truncation.maxOverflow() + " rows); shorten it upstream");
    }
}
