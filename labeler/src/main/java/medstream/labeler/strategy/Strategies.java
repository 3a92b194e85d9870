package medstream.labeler.strategy;

import java.util.ArrayList;
import java.util.List;
import medstream.labeler.LabelerConfig;

/** Builds the configured strategy by name: voc, ppl, long-answer or ensemble. */
public final class Strategies {
    /** Names {@link #create} accepts. */
    public static final List<String> NAMES = List.of("voc", "ppl", "long-answer", "ensemble");

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
            default -> throw new IllegalArgumentException("Unknown labeling strategy '" + name + "': use one of " + NAMES
                    + " (setting " + LabelerConfig.STRATEGY.key() + " or --strategy)");
        };
    }
}
