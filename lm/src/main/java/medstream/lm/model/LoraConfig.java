package medstream.lm.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Low-rank adapters added to chosen projections of every block: {@code W x + (alpha / rank) B A x}, with
 * A [rank, in] random and B [out, rank] zero so a fresh adapter leaves the model unchanged.
 *
 * @param rank rank r of the update
 * @param alpha scaling numerator; the update is multiplied by alpha / rank
 * @param targets projections to adapt, from {@link #ALL_TARGETS}
 */
public record LoraConfig(int rank, double alpha, List<String> targets) {

    /** Every projection that can carry an adapter: attention q, k, v, o and the MLP's two layers. */
    public static final List<String> ALL_TARGETS = List.of("q", "k", "v", "o", "mlp_in", "mlp_out");

    /** Validates rank and target names. */
    public LoraConfig {
        if (rank <= 0) {
            throw new IllegalArgumentException("LoRA rank must be positive, got " + rank);
        }
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("LoRA alpha must be positive, got " + alpha);
        }
        if (targets == null || targets.isEmpty()) {
            throw new IllegalArgumentException("LoRA needs at least one target out of " + ALL_TARGETS);
        }
        for (String t : targets) {
            if (!ALL_TARGETS.contains(t)) {
                throw new IllegalArgumentException("unknown LoRA target '" + t + "'; use some of " + ALL_TARGETS);
            }
        }
        targets = List.copyOf(targets);
    }

    /**
     * Parses a comma-separated target list such as {@code "q,k,v,o,mlp_in,mlp_out"}.
     *
     * @param rank rank r
     * @param alpha scaling numerator
     * @param targetsCsv comma-separated target names
     * @return the config
     */
    public static LoraConfig of(int rank, double alpha, String targetsCsv) {
        List<String> targets = new ArrayList<>();
        for (String t : targetsCsv.split(",")) {
            String name = t.trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !targets.contains(name)) {
                targets.add(name);
            }
        }
        return new LoraConfig(rank, alpha, targets);
    }

    /** Factor applied to the low-rank update. */
    public double scale() {
        return alpha / rank;
    }

    /** True when the named projection carries an adapter. */
    public boolean targets(String projection) {
        return targets.contains(projection);
    }

    @Override
    public String toString() {
        return "LoraConfig[rank=" + rank + ", alpha=" + alpha + ", targets=" + String.join(",", targets) + "]";
    }
}
