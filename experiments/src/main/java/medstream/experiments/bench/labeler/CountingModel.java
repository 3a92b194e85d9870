package medstream.experiments.bench.labeler;

import java.util.ArrayList;
import java.util.List;
import medstream.labeler.model.GenerationParams;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.model.OptionScores;
import medstream.labeler.model.PromptWithOptions;
import medstream.labeler.model.ScoringMode;

/**
 * Wraps a model for the benchmark. Counts the logical tokens of the work asked for (prompt plus continuation of
 * every scored option, prompt plus generated text of every generation; the same count whichever path computes
 * it), and, in {@link #reference} mode, forces the uncached reference paths: independent option scoring and
 * generation without the key/value cache.
 */
final class CountingModel implements LabelingModel {
    private final LabelingModel delegate;
    private final boolean reference;
    private long tokens;

    private CountingModel(LabelingModel delegate, boolean reference) {
        this.delegate = delegate;
        this.reference = reference;
    }

    /** The serving paths (shared prefix, cache), counted. */
    static CountingModel serving(LabelingModel m) {
        return new CountingModel(m, false);
    }

    /** The reference paths (no prefix reuse, no cache), counted. */
    static CountingModel reference(LabelingModel m) {
        return new CountingModel(m, true);
    }

    long tokens() {
        return tokens;
    }

    @Override public String version() { return delegate.version(); }
    @Override public String device() { return delegate.device(); }
    @Override public int contextWindow() { return delegate.contextWindow(); }
    @Override public int countTokens(String text) { return delegate.countTokens(text); }

    @Override
    public List<OptionScores> scoreOptions(List<PromptWithOptions> batch, ScoringMode mode) {
        for (PromptWithOptions p : batch) {
            int prompt = delegate.countTokens(p.prompt());
            for (String o : p.options()) tokens += prompt + delegate.countTokens(o);
        }
        return delegate.scoreOptions(batch, reference ? ScoringMode.INDEPENDENT : mode);
    }

    @Override
    public List<String> generate(List<String> prompts, GenerationParams params) {
        List<String> out = delegate.generate(prompts, reference ? params.withCache(false) : params);
        List<String> texts = new ArrayList<>(out);
        for (int i = 0; i < prompts.size(); i++) tokens += delegate.countTokens(prompts.get(i)) + delegate.countTokens(texts.get(i));
        return out;
    }

    /** The wrapped model is owned by the benchmark's caller. */
    @Override
    public void close() {
        // Nothing: the caller closes the delegate.
    }
}
