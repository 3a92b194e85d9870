package medstream.labeler.lf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Both label models on synthetic voters whose accuracies are known. */
class LabelModelTest {
    private static final List<String> VOTERS = List.of("good", "noisy", "liar");

    /** Items with a true class and three voters: good (85% right), noisy (40% right), liar (swaps yes and no). */
    private record Synthetic(List<VoteSet> items, List<String> gold) {
        static Synthetic of(int n, long seed) {
            Random r = new Random(seed);
            List<VoteSet> items = new ArrayList<>();
            List<String> gold = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double u = r.nextDouble();
                int truth = u < 0.5 ? 0 : u < 0.85 ? 1 : 2;
                List<Vote> votes = new ArrayList<>();
                votes.add(r.nextDouble() < 0.7 ? hard("good", r.nextDouble() < 0.85 ? truth : wrong(truth, r)) : Vote.abstain("good", ""));
                votes.add(r.nextDouble() < 0.9 ? hard("noisy", r.nextDouble() < 0.4 ? truth : wrong(truth, r)) : Vote.abstain("noisy", ""));
                votes.add(truth < 2 && r.nextDouble() < 0.8 ? hard("liar", 1 - truth) : Vote.abstain("liar", ""));
                items.add(new VoteSet("i" + i, votes, List.of()));
                gold.add(Vote.OPTIONS.get(truth));
            }
            return new Synthetic(items, gold);
        }

        private static int wrong(int truth, Random r) {
            return (truth + 1 + r.nextInt(2)) % 3;
        }

        private static Vote hard(String voter, int label) {
            return Vote.of(voter, Vote.OPTIONS.get(label), "");
        }
    }

    private static double accuracy(LabelModel m, Synthetic s) {
        int right = 0;
        for (int i = 0; i < s.items().size(); i++) {
            double[] p = m.predict(s.items().get(i));
            int best = 0;
            for (int k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
            if (Vote.OPTIONS.get(best).equals(s.gold().get(i))) right++;
        }
        return (double) right / s.items().size();
    }

    private static double voterAccuracyWhereItVotes(String voter, Synthetic s) {
        int votes = 0;
        int right = 0;
        for (int i = 0; i < s.items().size(); i++) {
            Vote v = s.items().get(i).vote(voter);
            if (v.abstained()) continue;
            votes++;
            if (v.label().equals(s.gold().get(i))) right++;
        }
        return (double) right / votes;
    }

    @SuppressWarnings("unchecked")
    private static double diagonal(Map<String, Object> weights, String voter, String option) {
        Map<String, Map<String, Map<String, Double>>> confusion = (Map<String, Map<String, Map<String, Double>>>) weights.get("confusion");
        return confusion.get(voter).get("true_" + option).get("votes_" + option);
    }

    @Test
    void givenVotesWithoutGold_whenTheGenerativeModelFits_thenItTrustsTheGoodVoterMoreAndBeatsTheNoisyOne() {
        Synthetic train = Synthetic.of(800, 1);
        Synthetic test = Synthetic.of(400, 2);

        LabelModel m = LabelModel.Kind.GENERATIVE.fit(List.of("good", "noisy"), train.items(), null, 0);

        assertThat(diagonal(m.weights(), "good", "yes")).isGreaterThan(diagonal(m.weights(), "noisy", "yes"));
        assertThat(accuracy(m, test)).isGreaterThan(voterAccuracyWhereItVotes("noisy", test));
        double[] prior = m.predict(new VoteSet("none", List.of(), List.of()));
        assertThat(prior[0]).isGreaterThan(prior[2]); // every voter abstaining: the learned prior, yes above maybe
    }

    @Test
    void givenGold_whenTheDiscriminativeModelFits_thenItLearnsThatTheLiarsYesMeansNo() {
        Synthetic train = Synthetic.of(800, 3);
        Synthetic test = Synthetic.of(400, 4);

        LabelModel m = LabelModel.Kind.DISCRIMINATIVE.fit(VOTERS, train.items(), train.gold(), LogisticLabelModel.DEFAULT_L2);

        assertThat(accuracy(m, test)).isGreaterThan(voterAccuracyWhereItVotes("good", test));
        double[] p = m.predict(new VoteSet("x", List.of(Vote.of("liar", "yes", "")), List.of()));
        assertThat(p[1]).isGreaterThan(p[0]);
    }

    @Test
    void givenAnUnknownKind_whenParsed_thenTheMessageNamesBoth() {
        assertThat(LabelModel.Kind.of(" Generative ")).isEqualTo(LabelModel.Kind.GENERATIVE);
        assertThatThrownBy(() -> LabelModel.Kind.of("snorkel")).hasMessageContaining("generative").hasMessageContaining("discriminative");
    }

    @Test
    void givenGoldOfTheWrongSize_whenTheDiscriminativeModelFits_thenRefused() {
        Synthetic s = Synthetic.of(10, 7);

        assertThatThrownBy(() -> LogisticLabelModel.fit(VOTERS, s.items(), s.gold().subList(0, 5), 0.01))
                .hasMessageContaining("one gold label per item");
    }
}
