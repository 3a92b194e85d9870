package medstream.labeler.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import medstream.contracts.Decision;
import medstream.labeler.strategy.StrategyResult;

/**
 * ACCEPT when the confidence clears the threshold, the strategies agree and nothing forces a review;
 * otherwise REVIEW. The reason lists every cause, then the informational flags, separated by "; ".
 */
public final class ConfidenceRouter {
    private final double threshold;

    /** @param threshold confidence needed for ACCEPT, in [0, 1] */
    public ConfidenceRouter(double threshold) {
        this.threshold = threshold;
    }

    /**
     * @param result       the strategy's conclusion
     * @param forcedReview reasons from input handling that force REVIEW (e.g. CONTEXT_OVER_WINDOW)
     * @param flags        informational flags (e.g. CONTEXT_TRUNCATED)
     */
    public Routing route(StrategyResult result, List<String> forcedReview, List<String> flags) {
        List<String> causes = new ArrayList<>();
        if (result.confidence() < threshold) {
            causes.add(String.format(Locale.ROOT, "%s(%.3f<%.3f)", ReasonCodes.LOW_CONFIDENCE, result.confidence(), threshold));
        }
        if (!result.agree()) causes.add(ReasonCodes.STRATEGIES_DISAGREE + "(" + String.join(",", result.disagreements()) + ")");
        causes.addAll(result.reviewReasons());
        causes.addAll(forcedReview);
        Decision decision = causes.isEmpty() ? Decision.ACCEPT : Decision.REVIEW;
        List<String> all = new ArrayList<>(causes);
        all.addAll(flags);
        return new Routing(decision, all.isEmpty() ? null : String.join("; ", all));
    }
}
