package medstream.labeler.lf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Coverage, overlap, conflict and accuracy per voter, Snorkel's way. */
class LfAnalysisTest {

    @Test
    void givenThreeItemsAndTwoVoters_whenAnalysed_thenEveryFigureCountsTheRightItems() {
        List<VoteSet> items = List.of(
                new VoteSet("1", List.of(Vote.of("a", "no", ""), Vote.of("b", "no", "")), List.of()),   // overlap, agree
                new VoteSet("2", List.of(Vote.of("a", "no", ""), Vote.of("b", "yes", "")), List.of()),  // conflict
                new VoteSet("3", List.of(Vote.abstain("a", ""), Vote.of("b", "yes", "")), List.of()));  // b alone

        LfAnalysis an = LfAnalysis.of(List.of("a", "b"), items, List.of("no", "yes", "maybe"));

        LfAnalysis.VoterStats a = an.voters().get(0);
        LfAnalysis.VoterStats b = an.voters().get(1);
        assertThat(an.coverage()).isEqualTo(1.0);
        assertThat(a.coverage()).isEqualTo(2 / 3.0);
        assertThat(a.overlap()).isEqualTo(2 / 3.0);
        assertThat(a.conflict()).isEqualTo(1 / 3.0);
        assertThat(a.accuracy()).isEqualTo(0.5);
        assertThat(b.coverage()).isEqualTo(1.0);
        assertThat(b.overlap()).isEqualTo(2 / 3.0);
        assertThat(b.accuracy()).isEqualTo(2 / 3.0);
        assertThat(b.labels()).containsEntry("yes", 2).containsEntry("no", 1);
        assertThat(an.toMap()).containsKeys("items", "coverage", "voters");
    }
}
