package medstream.labeler.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import medstream.contracts.Decision;
import medstream.contracts.LabelRequest;
import medstream.contracts.LabelResult;
import medstream.contracts.LabelVote;
import medstream.labeler.LabelerConfig;
import medstream.labeler.calibration.Calibration;
import medstream.labeler.calibration.Calibrations;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.model.ModelBackendException;
import medstream.labeler.strategy.LabelingStrategy;
import medstream.labeler.strategy.StrategyResult;
import medstream.labeler.strategy.Strategies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The labeling code that the service, the offline command and the benchmark share: validate each
 * request, fit its context to the model's window, run the strategy over the whole batch, route by
 * confidence and agreement, and build the {@link LabelResult}s. A request that cannot be labeled becomes a
 * {@link LabelingOutcome.Rejected} or a REVIEW result (bad-input policy); it never fails the batch.
 *
 * <p>If the strategy fails on the batch, each request is retried alone so that one poisonous request
 * ends in the dead-letter topic ({@link ReasonCodes#MODEL_ERROR}, or {@link ReasonCodes#BACKEND_ERROR} when a served model
 * could not answer after its retries) and the others are labeled.
 */
public final class LabelingPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(LabelingPipeline.class);
    /** A context budget under this many tokens means the window is too small for the prompts themselves. */
    private static final int MIN_CONTEXT_TOKENS = 16;

    private final LabelingStrategy strategy;
    private final InputValidator validator = new InputValidator();
    private final ConfidenceRouter router;
    private final ContextOverflowPolicy overflow;
    private final BadInputPolicy badInput;
    private final Clock clock;
    private final Calibrations calibrations;

    /** The pipeline of {@code config}'s strategy, fixed threshold and policies. */
    public LabelingPipeline(LabelerConfig config) {
        this(Strategies.create(config), config, Clock.systemUTC());
    }

    /**
     * The pipeline of {@code config}'s strategy and policies, routing the results of each calibrated model version by
     * that version's {@link Calibration} (and versions without one by the fixed threshold).
     */
    public LabelingPipeline(LabelerConfig config, Calibrations calibrations) {
        this(Strategies.create(config), config, Clock.systemUTC(), calibrations);
    }

    /** A pipeline around a given strategy (tests, benchmark). */
    public LabelingPipeline(LabelingStrategy strategy, LabelerConfig config, Clock clock) {
        this(strategy, config, clock, null);
    }

    /** A pipeline around a given strategy, with calibrations (null: none). */
    public LabelingPipeline(LabelingStrategy strategy, LabelerConfig config, Clock clock, Calibrations calibrations) {
        this.calibrations = calibrations;
        this.strategy = strategy;
        this.router = new ConfidenceRouter(config.threshold());
        this.overflow = config.contextOverflow();
        this.badInput = config.badInput();
        this.clock = clock;
    }

    /** The strategy (the calibrating loader asks it whether it brings its own out-of-fold predictions). */
    public LabelingStrategy strategy() {
        return strategy;
    }

    /**
     * The inputs the strategy would see for {@code requests} (validated, context fitted to {@code model}'s window),
     * empty where the request would be rejected: how a strategy labels extra items (its gold items) exactly as it
     * labels requests.
     */
    public List<Optional<LabelInput>> prepare(List<LabelRequest> requests, LabelingModel model) {
        List<Optional<LabelInput>> out = new ArrayList<>(requests.size());
        for (LabelRequest r : requests) {
            if (!(validator.validate(r) instanceof Validation.Valid v)) {
                out.add(Optional.empty());
                continue;
            }
            Prepared p = fit(v.input(), model);
            out.add(p.rejection == null ? Optional.of(p.input) : Optional.empty());
        }
        return out;
    }

    /** The strategy's name. */
    public String strategyName() {
        return strategy.name();
    }

    /** The strategy's prompt-template hash. */
    public String promptTemplateHash() {
        return strategy.promptTemplateHash();
    }

    /** Labels a batch; one outcome per request, in order. */
    public List<LabelingOutcome> label(List<LabelRequest> requests, LabelingModel model) {
        LabelingOutcome[] outcomes = new LabelingOutcome[requests.size()];
        List<Prepared> ready = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            LabelRequest r = requests.get(i);
            Validation v = validator.validate(r);
            if (v instanceof Validation.Invalid bad) {
                outcomes[i] = reject(r.getId(), bad.code(), bad.description(), model);
                continue;
            }
            Prepared p = fit(((Validation.Valid) v).input(), model);
            if (p.rejection != null) outcomes[i] = reject(r.getId(), p.rejectionCode, p.rejection, model);
            else ready.add(p.at(i));
        }
        if (!ready.isEmpty()) {
            for (Map.Entry<Integer, LabelingOutcome> e : runStrategy(ready, model).entrySet()) outcomes[e.getKey()] = e.getValue();
        }
        return List.of(outcomes);
    }

    private Map<Integer, LabelingOutcome> runStrategy(List<Prepared> ready, LabelingModel model) {
        Map<Integer, LabelingOutcome> out = new HashMap<>();
        try {
            List<StrategyResult> results = strategy.label(ready.stream().map(p -> p.input).toList(), model);
            for (int k = 0; k < ready.size(); k++) out.put(ready.get(k).index, labeled(ready.get(k), results.get(k), model));
            return out;
        } catch (RuntimeException batchFailure) {
            if (ready.size() == 1) {
                Prepared p = ready.get(0);
                String code = batchFailure instanceof ModelBackendException ? ReasonCodes.BACKEND_ERROR : ReasonCodes.MODEL_ERROR;
                out.put(p.index, new LabelingOutcome.Rejected(p.input.id(), code,
                        "The model failed on request " + p.input.id() + " with strategy " + strategy.name() + ": "
                                + batchFailure.getMessage(), batchFailure));
                return out;
            }
            LOG.warn("Strategy {} failed on a batch of {}; retrying each request alone: {}", strategy.name(), ready.size(),
                    batchFailure.toString());
            for (Prepared p : ready) out.putAll(runStrategy(List.of(p), model));
            return out;
        }
    }

    private LabelingOutcome labeled(Prepared p, StrategyResult r, LabelingModel model) {
        Routing routing = route(r, p, model);
        return new LabelingOutcome.Labeled(LabelResult.newBuilder()
                .setRequestId(p.input.id())
                .setLabel(r.label())
                .setConfidence(r.confidence())
                .setDecision(routing.decision())
                .setStrategy(r.strategy())
                .setOptionScores(r.scoreMap())
                .setExplanations(r.explanations())
                .setPromptTemplateHash(r.templateHash())
                .setModelVersion(model.version())
                .setReason(routing.reason())
                .setDevice(model.device())
                .setLabeledAt(clock.instant())
                .setVotes(r.votes().stream().map(v -> LabelVote.newBuilder().setVoter(v.voter()).setLabel(v.label())
                        .setProbability(v.probability()).setReason(v.reason()).build()).toList())
                .setLfSetHash(r.lfSetHash())
                .build());
    }

    private Routing route(StrategyResult r, Prepared p, LabelingModel model) {
        List<String> flags = new ArrayList<>(p.flags);
        flags.addAll(r.flags());
        Optional<Calibration> c = calibrations == null ? Optional.empty() : calibrations.forVersion(model.version());
        if (c.isEmpty()) return router.route(r, p.forcedReview, flags);
        if (!c.get().reached()) {
            List<String> forced = new ArrayList<>(p.forcedReview);
            forced.add(c.get().notReachedReason());
            return router.route(r, forced, flags);
        }
        return new ConfidenceRouter(c.get().threshold()).route(r, p.forcedReview, flags);
    }

    private LabelingOutcome reject(String id, String code, String description, LabelingModel model) {
        if (badInput == BadInputPolicy.DLQ) return new LabelingOutcome.Rejected(id, code, description, null);
        return new LabelingOutcome.Labeled(LabelResult.newBuilder()
                .setRequestId(id == null ? "" : id)
                .setLabel("")
                .setConfidence(0.0)
                .setDecision(Decision.REVIEW)
                .setStrategy(strategy.name())
                .setPromptTemplateHash(strategy.promptTemplateHash())
                .setModelVersion(model.version())
                .setReason(code + ": " + description)
                .setDevice(model.device())
                .setLabeledAt(clock.instant())
                .build());
    }

    /** Applies the context-overflow policy. */
    private Prepared fit(LabelInput in, LabelingModel model) {
        if (!strategy.usesContext()) {
            int prompt = strategy.tokensBesidesContext(in, model);
            if (prompt <= model.contextWindow()) return new Prepared(in, List.of(), List.of(), null);
            return new Prepared(in, List.of(), List.of(), null).rejected(ReasonCodes.PROMPT_OVER_WINDOW, "Request " + in.id() + " needs " + prompt
                    + " tokens for its " + strategy.name() + " prompt (question and conclusion) but the model's window is "
                    + model.contextWindow() + "; use a model with a longer window");
        }
        int budget = model.contextWindow() - strategy.tokensBesidesContext(in, model);
        int tokens = model.countTokens(in.context());
        if (tokens <= budget) return new Prepared(in, List.of(), List.of(), null);
        String what = "Request " + in.id() + " has a context of " + tokens + " tokens but the " + strategy.name()
                + " prompts leave " + budget + " of the model's " + model.contextWindow() + "-token window";
        if (overflow == ContextOverflowPolicy.DLQ || budget < MIN_CONTEXT_TOKENS) {
            return new Prepared(in, List.of(), List.of(), what + "; shorten it upstream, use a model with a longer window, or "
                    + "set " + LabelerConfig.CONTEXT_OVERFLOW.key() + "=truncate-middle");
        }
        boolean middle = overflow != ContextOverflowPolicy.TRUNCATE_END;
        String cut = ContextFitter.fit(in.context(), budget, middle, model::countTokens);
        LabelInput fitted = in.withContext(cut);
        if (overflow == ContextOverflowPolicy.REVIEW) {
            return new Prepared(fitted, List.of(ReasonCodes.CONTEXT_OVER_WINDOW + "(" + tokens + ">" + budget + ")"),
                    List.of(ReasonCodes.CONTEXT_TRUNCATED), null);
        }
        return new Prepared(fitted, List.of(), List.of(ReasonCodes.CONTEXT_TRUNCATED), null);
    }

    /** An input ready for the strategy, with its position in the batch and routing notes. */
    private static final class Prepared {
        final LabelInput input;
        final List<String> forcedReview;
        final List<String> flags;
        final String rejection;
        String rejectionCode = ReasonCodes.CONTEXT_OVER_WINDOW;
        int index;

        Prepared(LabelInput input, List<String> forcedReview, List<String> flags, String rejection) {
            this.input = input;
            this.forcedReview = forcedReview;
            this.flags = flags;
            this.rejection = rejection;
        }

        Prepared rejected(String code, String why) {
            Prepared p = new Prepared(input, forcedReview, flags, why);
            p.rejectionCode = code;
            return p;
        }

        Prepared at(int i) {
            index = i;
            return this;
        }
    }
}
