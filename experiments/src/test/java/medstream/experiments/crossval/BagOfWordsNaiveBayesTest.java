package medstream.experiments.crossval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference classifier on hand-written texts whose expected posteriors are worked out in the comments. */
class BagOfWordsNaiveBayesTest {
    private static final List<String> CLAIMS = List.of(
            "The drug improves survival.", "The treatment improves outcome.", "Screening improves detection.",
            "The drug does not improve survival.", "The treatment does not improve outcome.",
            "Screening does not improve detection.");
    private static final List<String> VERDICTS = List.of("yes", "yes", "yes", "no", "no", "no");

    @Test
    void givenAText_whenFeaturesAreExtracted_thenLowerCasedUnigramsThenAdjacentBigrams() {
        assertThat(BagOfWordsNaiveBayes.features("No, it does NOT."))
                .containsExactly("no", "it", "does", "not", "no it", "it does", "does not");
        assertThat(BagOfWordsNaiveBayes.features("  ")).isEmpty();
        assertThat(BagOfWordsNaiveBayes.features("HbA1c")).containsExactly("hba1c");
    }

    @Test
    void givenClaimsAndTheirNegations_whenTrained_thenANewNegatedClaimIsNoAndAnAffirmedOneIsYes() {
        BagOfWordsNaiveBayes nb = BagOfWordsNaiveBayes.train(CLAIMS, VERDICTS, BagOfWordsNaiveBayes.LAPLACE);

        // "surgery" and "recovery" were never seen: only the cue words decide.
        BagOfWordsNaiveBayes.Posterior negated = nb.classify("Surgery does not improve recovery.");
        BagOfWordsNaiveBayes.Posterior affirmed = nb.classify("Surgery improves recovery.");

        assertThat(negated.label()).isEqualTo("no");
        assertThat(negated.confidence()).isGreaterThan(0.9);
        assertThat(affirmed.label()).isEqualTo("yes");
        assertThat(affirmed.confidence()).isGreaterThan(0.5);
    }

    @Test
    void givenTwoTexts_whenAWordOfOneIsClassified_thenThePosteriorIsTheLaplaceSmoothedRatio() {
        // yes: a, b, "a b" (3 tokens); no: a, c, d, "a c", "c d" (5 tokens); vocabulary a b c d "a b" "a c" "c d" = 7.
        // P(b|yes) = (1+1)/(3+7) = 1/5, P(b|no) = (0+1)/(5+7) = 1/12, equal priors -> P(yes|b) = 12/17.
        BagOfWordsNaiveBayes nb = BagOfWordsNaiveBayes.train(List.of("a b", "a c d"), List.of("yes", "no"), 1.0);

        BagOfWordsNaiveBayes.Posterior p = nb.classify("b");

        assertThat(nb.vocabularySize()).isEqualTo(7);
        assertThat(p.label()).isEqualTo("yes");
        assertThat(p.probabilities().get("yes")).isCloseTo(12.0 / 17, within(1e-12));
        assertThat(p.probabilities().get("no")).isCloseTo(5.0 / 17, within(1e-12));
    }

    @Test
    void givenATextOfUnseenWords_whenClassified_thenThePriorDecides() {
        BagOfWordsNaiveBayes nb = BagOfWordsNaiveBayes.train(List.of("alpha", "beta", "gamma"),
                List.of("yes", "yes", "no"), 1.0);

        for (String text : List.of("delta epsilon", "", "?!")) {
            BagOfWordsNaiveBayes.Posterior p = nb.classify(text);
            assertThat(p.label()).as(text).isEqualTo("yes");
            assertThat(p.probabilities().get("yes")).as(text).isCloseTo(2.0 / 3, within(1e-12));
            assertThat(p.probabilities().get("no")).as(text).isCloseTo(1.0 / 3, within(1e-12));
        }
    }

    @Test
    void givenABalancedTrainingSetAndAnUninformativeText_whenClassified_thenTheTieGoesToTheFirstClassInOrder() {
        BagOfWordsNaiveBayes nb = BagOfWordsNaiveBayes.train(List.of("x", "y"), List.of("yes", "no"), 1.0);

        BagOfWordsNaiveBayes.Posterior p = nb.classify("unseen");

        assertThat(nb.classes()).containsExactly("no", "yes");
        assertThat(p.label()).isEqualTo("no");
        assertThat(p.confidence()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void givenLongTexts_whenClassified_thenProbabilitiesAreFiniteAndSumToOne() {
        BagOfWordsNaiveBayes nb = BagOfWordsNaiveBayes.train(CLAIMS, VERDICTS, 1.0);
        // 3,000 repetitions push every class's log score below -3000, where exp underflows to 0.
        String longNegation = "does not improve ".repeat(3000);

        for (String text : List.of("The drug improves survival.", "maybe", longNegation)) {
            BagOfWordsNaiveBayes.Posterior p = nb.classify(text);
            assertThat(p.probabilities().keySet()).as(text).containsExactly("no", "yes");
            assertThat(p.probabilities().values()).as(text).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
            assertThat(p.probabilities().values().stream().mapToDouble(Double::doubleValue).sum()).as(text)
                    .isCloseTo(1.0, within(1e-12));
        }
        assertThat(nb.classify(longNegation).label()).isEqualTo("no");
    }

    @Test
    void givenBadTrainingInput_whenTrained_thenItIsRefusedWithWhatToFix() {
        assertThatThrownBy(() -> BagOfWordsNaiveBayes.train(List.of("a"), List.of("yes", "no"), 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one label per text");
        assertThatThrownBy(() -> BagOfWordsNaiveBayes.train(List.of("a"), List.of("yes"), 0.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
        assertThatThrownBy(() -> BagOfWordsNaiveBayes.train(List.of(), List.of(), 1.0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
