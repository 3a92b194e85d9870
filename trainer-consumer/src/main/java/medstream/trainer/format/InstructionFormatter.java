package medstream.trainer.format;

import java.util.Arrays;
import medstream.contracts.Instruction;
import medstream.lm.hf.ChatFormat;
import medstream.lm.prompt.InstructionPrompt;
import medstream.lm.prompt.PromptEncoder;
import medstream.lm.tokenizer.TextTokenizer;
import medstream.trainer.config.TruncationPolicy;

/**
 * Stage 2: instruction (and input) as the prompt, the output as the response; the loss is masked on the
 * prompt. Over-long records are cut by {@link TruncationPolicy}: the prompt body first (keeping its start
 * and the response cue), then the response's tail.
 *
 * <p>A model with a chat template (a Qwen2 / Llama base, see {@link ChatFormat}) is tuned on its own template: the
 * instruction and input are the user turn, the output the assistant turn ending with the template's end-of-turn
 * token, which is what it sees when it is prompted through that template later. Otherwise the plain markers of
 * {@link InstructionPrompt}.
 */
public final class InstructionFormatter implements RecordFormatter<Instruction> {

    private final TextTokenizer tokenizer;
    private final ChatFormat chat;
    private final int rowLength;
    private final TruncationPolicy truncation;
    /** Ids before the prompt body: BOS, or the template up to the user content. */
    private final int[] before;
    /** Ids after the prompt body: the response cue, or the template from the user content to the assistant turn. */
    private final int[] cue;
    /** Ids that end the response: EOS, or the template's end-of-turn token. */
    private final int[] end;

    /**
     * @param tokenizer tokenizer of the parent version
     * @param context model context (a row holds context + 1 ids)
     * @param truncation truncation policy
     */
    public InstructionFormatter(TextTokenizer tokenizer, int context, TruncationPolicy truncation) {
        this(tokenizer, ChatFormat.PLAIN, context, truncation);
    }

    /**
     * @param tokenizer tokenizer of the parent version
     * @param chat the model's chat template shape; PLAIN for the plain markers
     * @param context model context (a row holds context + 1 ids)
     * @param truncation truncation policy
     */
    public InstructionFormatter(TextTokenizer tokenizer, ChatFormat chat, int context, TruncationPolicy truncation) {
        this.tokenizer = tokenizer;
        this.chat = chat;
        this.rowLength = context + 1;
        this.truncation = truncation;
        PromptEncoder frame = new PromptEncoder(tokenizer, chat);
        before = frame.before();
        cue = chat == ChatFormat.PLAIN ? tokenizer.encode(InstructionPrompt.RESPONSE_CUE) : frame.after();
        end = frame.end();
    }

    @Override
    public Example format(Instruction record) {
        if (isBlank(record.getInstruction()) || isBlank(record.getOutput())) {
            throw new UnformattableRecordException(UnformattableRecordException.EMPTY, "instruction " + record.getId()
                    + " has an empty " + (isBlank(record.getInstruction()) ? "instruction" : "output")
                    + "; the stage-2 producer should not publish it");
        }
        int[] head = tokenizer.encode(InstructionPrompt.body(record.getInstruction(), record.getInput(), chat));
        int[] response = PromptFormats.concat(tokenizer.encode(InstructionPrompt.response(record.getOutput(), chat)), end);
        int total = before.length + head.length + cue.length + response.length;
        if (total > truncation.maxOverflow() * rowLength) {
            throw overLong(record.getId(), total);
        }
        int fixed = before.length + cue.length;
        int headKeep = Math.min(head.length, Math.max(truncation.minPromptTokens(), rowLength - fixed - response.length));
        int responseKeep = Math.min(response.length, rowLength - fixed - headKeep);
        if (responseKeep < 1) {
            throw overLong(record.getId(), total);
        }
        int[] prompt = PromptFormats.concat(before, Arrays.copyOf(head, headKeep), cue);
        return PromptFormats.row(prompt, Arrays.copyOf(response, responseKeep), 1f);
    }

    private UnformattableRecordException overLong(String id, int total) {
        return new UnformattableRecordException(UnformattableRecordException.OVER_LONG, "instruction " + id + " has "
                + total + " tokens; rows hold " + rowLength + " and records up to " + truncation.maxOverflow()
                + " rows are cut to fit (TruncationPolicy.maxOverflow); shorten it upstream");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
