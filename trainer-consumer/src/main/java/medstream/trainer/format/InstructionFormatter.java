package medstream.trainer.format;

import java.util.Arrays;
import medstream.contracts.Instruction;
import medstream.lm.tokenizer.BpeTokenizer;
import medstream.trainer.config.TruncationPolicy;

/**
 * Stage 2: instruction (and input) as the prompt, the output as the response; the loss is masked on the
 * prompt. Over-long records are cut by {@link TruncationPolicy}: the prompt body first (keeping its start
 * and the response cue), then the response's tail.
 */
public final class InstructionFormatter implements RecordFormatter<Instruction> {

    private final BpeTokenizer tokenizer;
    private final int rowLength;
    private final TruncationPolicy truncation;

    /**
     * @param tokenizer tokenizer of the parent version
     * @param context model context (a row holds context + 1 ids)
     * @param truncation truncation policy
     */
    public InstructionFormatter(BpeTokenizer tokenizer, int context, TruncationPolicy truncation) {
        this.tokenizer = tokenizer;
        this.rowLength = context + 1;
        this.truncation = truncation;
    }

    @Override
    public Example format(Instruction record) {
        if (isBlank(record.getInstruction()) || isBlank(record.getOutput())) {
            throw new UnformattableRecordException(UnformattableRecordException.EMPTY, "instruction " + record.getId()
                    + " has an empty " + (isBlank(record.getInstruction()) ? "instruction" : "output")
                    + "; the stage-2 producer should not publish it");
        }
        String headText = "Instruction: " + record.getInstruction().strip()
                + (isBlank(record.getInput()) ? "" : "\nInput: " + record.getInput().strip());
        int[] head = tokenizer.encode(headText);
        int[] cue = tokenizer.encode(PromptFormats.RESPONSE_CUE);
        int[] response = PromptFormats.concat(tokenizer.encode(" " + record.getOutput().strip()),
                new int[] {tokenizer.eosId()});
        int total = 1 + head.length + cue.length + response.length;
        if (total > truncation.maxOverflow() * rowLength) {
            throw overLong(record.getId(), total);
        }
        int fixed = 1 + cue.length;
        int headKeep = Math.min(head.length, Math.max(truncation.minPromptTokens(), rowLength - fixed - response.length));
        int responseKeep = Math.min(response.length, rowLength - fixed - headKeep);
        if (responseKeep < 1) {
            throw overLong(record.getId(), total);
        }
        int[] prompt = PromptFormats.concat(new int[] {tokenizer.bosId()}, Arrays.copyOf(head, headKeep), cue);
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
