package medstream.labeler.lf;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Combines the votes on an item into one probability per option of {@link Vote#OPTIONS}: the step that turns many
 * weak, overlapping, sometimes conflicting voters into one label with a confidence that calibration can threshold.
 */
public interface LabelModel {

    /** Which kind of model this is ({@link Kind#id()}). */
    String kind();

    /** The voters it was fitted on, in feature order; votes of other voters are ignored. */
    List<String> voters();

    /** P(option | votes), in {@link Vote#OPTIONS} order, summing to 1; the class prior when every voter abstains. */
    double[] predict(VoteSet votes);

    /** What it learned about each voter, JSON-ready (for the analysis and the crossval report). */
    Map<String, Object> weights();

    /** The two label models; {@link #fit} is the one entry point, so callers switch by a setting. */
    enum Kind {
        /** Dawid-Skene EM: each voter's confusion matrix and the class prior from the votes alone, no gold. */
        GENERATIVE("generative"),
        /** Multinomial logistic regression with L2 over the votes' probabilities, trained on gold. */
        DISCRIMINATIVE("discriminative");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** The setting's value. */
        public String id() {
            return id;
        }

        /** By setting value ({@code generative} / {@code discriminative}). */
        public static Kind of(String id) {
            for (Kind k : values()) if (k.id.equals(id.strip().toLowerCase(Locale.ROOT))) return k;
            throw new IllegalArgumentException("unknown label model '" + id + "'; use generative (Dawid-Skene, no gold) or"
                    + " discriminative (logistic regression on gold)");
        }

        /**
         * Fits a model of this kind.
         *
         * @param voters the voters to use, in order
         * @param items  the training items' votes
         * @param gold   their gold labels, one per item (the generative model ignores them; it never sees gold)
         * @param l2     the discriminative model's L2 strength (the generative model has none)
         */
        public LabelModel fit(List<String> voters, List<VoteSet> items, List<String> gold, double l2) {
            return switch (this) {
                case GENERATIVE -> DawidSkeneModel.fit(voters, items);
                case DISCRIMINATIVE -> LogisticLabelModel.fit(voters, items, gold, l2);
            };
        }
    }
}
