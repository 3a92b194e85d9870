package medstream.labeler.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import medstream.contracts.EvalItem;
import medstream.contracts.Option;
import org.junit.jupiter.api.Test;

class CalibrationSetTest {
    private static EvalItem item(String id, String benchmark, String split, String answer) {
        return EvalItem.newBuilder().setId(id).setBenchmark(benchmark).setSplit(split).setQuestion("Q " + id + "?")
                .setContext("Context of " + id).setAnswer(answer)
                .setOptions(List.of(new Option("yes", "yes"), new Option("no", "no"), new Option("maybe", "maybe"))).build();
    }

    @Test
    void givenMixedEvalItems_whenSelected_thenOnlyLabeledItemsOfTheBenchmarkSplitInIdOrder() {
        List<EvalItem> items = List.of(
                item("pubmedqa:3", "pubmedqa", "dev", "no"),
                item("pubmedqa:1", "pubmedqa", "dev", "yes"),
                item("pubmedqa:2", "pubmedqa", "test", null),
                item("medqa:1", "medqa", "dev", "yes"),
                item("pubmedqa:4", "pubmedqa", "dev", "perhaps"),
                item("pubmedqa:5", "pubmedqa", "dev", "MAYBE"));

        CalibrationSet set = CalibrationSet.of(items, "pubmedqa", "dev", 0);

        assertThat(set.benchmark()).isEqualTo("pubmedqa/dev");
        assertThat(set.items()).extracting(i -> i.request().getId()).containsExactly("pubmedqa:1", "pubmedqa:3", "pubmedqa:5");
        assertThat(set.items()).extracting(CalibrationSet.Item::gold).containsExactly("yes", "no", "maybe");
        CalibrationSet.Item first = set.items().get(0);
        assertThat(first.request().getContexts()).containsExactly("Context of pubmedqa:1");
        assertThat(first.request().getOptions()).containsExactly("yes", "no", "maybe");
    }

    @Test
    void givenACap_whenSelected_thenTheFirstItemsByIdAreKept() {
        List<EvalItem> items = List.of(item("c", "pubmedqa", "dev", "yes"), item("a", "pubmedqa", "dev", "no"),
                item("b", "pubmedqa", "dev", "yes"));

        assertThat(CalibrationSet.of(items, "pubmedqa", "dev", 2).items()).extracting(i -> i.request().getId())
                .containsExactly("a", "b");
    }
}
