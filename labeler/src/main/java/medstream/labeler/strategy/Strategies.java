package medstream.labeler.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import medstream.labeler.LabelerConfig;
import medstream.labeler.lf.WeakStrategies;
import medstream.labeler.lf.WeakSupervisionStrategy;

/** Builds the configured strategy by name: voc, ppl, long-answer, ensemble or weak. */
public final class Strategies {
    /** The strategies that score with the language model (what a cross-validation trains a model for). */
    public static final List<String> MODEL_NAMES = List.of("voc", "ppl", "long-answer", "ensemble");
    /** Names {@link #create} accepts: the model strategies and {@code weak} (labeling functions + label model). */
    public static final List<String> NAMES = Stream.concat(MODEL_NAMES.stream(), Stream.of(WeakSupervisionStrategy.NAME)).toList();

    private Strategies() {}

    /** The strategy {@code config.strategy()} names, with its settings. */
    public static LabelingStrategy create(LabelerConfig config) {
        return create(config.strategy(), config);
    }

    /** The strategy {@code name}, with the settings of {@code config}. */
    public static LabelingStrategy create(String name, LabelerConfig config) {
        String v = config.promptVersion();
        return switch (name) {
            case "voc" -> new VocStrategy(v, config.judgeMode(), config.judgeWeight(), config.explanationTokens(),
                    config.explanationChars());
            case "ppl" -> new PerplexityStrategy(v);
            case "long-answer" -> new LongAnswerStrategy(v);
            case "ensemble" -> {
                List<LabelingStrategy> members = new ArrayList<>();
                for (String m : config.ensembleMembers()) {
                    if (m.equals("ensemble")) throw new IllegalArgumentException("ensemble members cannot include ensemble");
                    members.add(create(m, config));
                }
                if (config.selfConsistencySamples() > 0) {
                    members.add(new SelfConsistencyStrategy(v, config.selfConsistencySamples(), config.temperature(), config.seed()));
                }
                yield new EnsembleStrategy(members);
            }
            case WeakSupervisionStrategy.NAME -> WeakStrategies.create(config);
            default -> throw new IllegalArgumentException("Unknown labeling strategy '" + name + "': use one of " + NAMES
                    + " (setting " + LabelerConfig.STRATEGY.key() + " or --strategy)");
        };
    }
}
