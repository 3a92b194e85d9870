package medstream.trainer.format;

import java.util.Arrays;
import medstream.contracts.CorpusText;
import medstream.lm.tokenizer.TextTokenizer;
import medstream.trainer.config.TruncationPolicy;

/**
 * Stage 1: a {@link CorpusText} becomes its ids followed by EOS; {@link Packing#pack} concatenates the
 * documents of a round and cuts them into rows of the model context.
 */
public final class CorpusFormatter implements RecordFormatter<CorpusText> {

    private final TextTokenizer tokenizer;
    private final int maxTokens;

    /**
     * @param tokenizer the stage-1 tokenizer
     * @param context model context in tokens
     * @param truncation longest accepted document in rows
     */
    public CorpusFormatter(TextTokenizer tokenizer, int context, TruncationPolicy truncation) {
        this.tokenizer = tokenizer;
        this.maxTokens = truncation.maxDocumentRows() * context;
    }

    @Override
    public Example format(CorpusText record) {
        String text = record.getText();
        if (text == null || text.isBlank()) {
            throw new UnformattableRecordException(UnformattableRecordException.EMPTY, "corpus text " + record.getId()
                    + " is empty; the stage-1 producer should drop empty chunks before publishing");
        }
        int[] ids = tokenizer.encode(text);
        if (ids.length > maxTokens) {
            throw new UnformattableRecordException(UnformattableRecordException.OVER_LONG, "corpus text "
                    + record.getId() + " has " + ids.length + " tokens, more than the " + maxTokens + " a document may"
                    + " have (TruncationPolicy.maxDocumentRows); chunk it upstream");
        }
        int[] tokens = Arrays.copyOf(ids, ids.length + 1);
        tokens[ids.length] = tokenizer.eosId();
        float[] mask = new float[tokens.length - 1];
        Arrays.fill(mask, 1f);
        return new Example(tokens, mask, 1f);
    }
}
