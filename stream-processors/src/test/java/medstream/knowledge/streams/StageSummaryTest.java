package medstream.knowledge.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import medstream.contracts.CorpusText;
import org.junit.jupiter.api.Test;

class StageSummaryTest {
    private static CorpusText text(String id, String kind, String source) {
        return CorpusText.newBuilder().setId(id).setText("t").setLanguage("en").setSourceKind(kind).setSource(source)
                .setOriginIds(List.of(id)).setApproxTokens(1).build();
    }

    @Test
    void givenUpdatesAndDuplicates_whenTallied_thenDistinctKeysPerGroupAndAllRecordsCounted() {
        StageSummary.Tally<CorpusText> tally = new StageSummary.Tally<>(StageSummary::group);

        tally.add("kg-star:a", text("kg-star:a", "KG_STAR", "hetionet"));
        tally.add("kg-star:a", text("kg-star:a", "KG_STAR", "hetionet"));   // updated star, same key
        tally.add("qa-text:1", text("qa-text:1", "QA", "medquad"));
        tally.add("qa-text:2", text("qa-text:2", "QA", "medquad"));
        tally.add("qa-text:2", null);                                       // tombstone

        StageSummary.TopicCounts c = tally.counts();
        assertThat(c.records()).isEqualTo(5);
        assertThat(c.distinctKeys()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("KG_STAR/hetionet", 1L, "QA/medquad", 1L));
        assertThat(c.recordsByGroup()).containsEntry("KG_STAR/hetionet", 2L).containsEntry("QA/medquad", 2L);
        assertThat(c.totalDistinctKeys()).isEqualTo(2);
    }
}
