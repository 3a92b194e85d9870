package medstream.labeler.strategy;

import java.util.List;
import medstream.labeler.core.LabelInput;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.prompt.PromptSet;
import medstream.labeler.prompt.PromptTemplate;

/**
 * Turns a batch of inputs into option probabilities with a model. Strategies batch their model calls
 * over all inputs (one scoring call and at most a few generation calls per step), so the service's
 * micro-batches reach the model whole.
 */
public interface LabelingStrategy {

    /** Name recorded in results: voc, ppl, long-answer, ensemble, self-consistency. */
    String name();

    /** The templates this strategy renders (for the hash and the context budget). */
    List<PromptTemplate> templates();

    /** SHA-256 prefix of {@link #templates()}, recorded as {@code promptTemplateHash}. */
    default String promptTemplateHash() {
        return PromptSet.hash(templates());
    }

    /**
     * Tokens of the longest prompt-plus-continuation this strategy builds for {@code input}, not counting the
     * context; the context may use the rest of the model's window.
     */
    int tokensBesidesContext(LabelInput input, LabelingModel model);

    /**
     * Whether the prompts contain the request's context. A strategy that does not (long-answer: question and
     * conclusion only) must not have its requests cut or rejected for a context it never shows the model.
     */
    default boolean usesContext() {
        return true;
    }

    /** Labels the inputs; one result per input, in order. */
    List<StrategyResult> label(List<LabelInput> inputs, LabelingModel model);
}
