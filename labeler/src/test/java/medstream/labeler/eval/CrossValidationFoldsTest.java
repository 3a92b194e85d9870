package medstream.labeler.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import medstream.contracts.LabelRequest;
import medstream.labeler.core.InputValidator;
import medstream.labeler.offline.PubMedQaFile;
import org.junit.jupiter.api.Test;

/** The official PQA-L folds and the guard that keeps held-out items out of training. */
class CrossValidationFoldsTest {

    static Path pqal() {
        String p = System.getProperty("medstream.shared.data");
        return (p != null ? Path.of(p) : Path.of("../shared/data")).resolve("pubmedqa-pqal");
    }

    private static PubMedQaFile.Item item(String id, String question, String gold) {
        return new PubMedQaFile.Item(LabelRequest.newBuilder().setId(id).setQuestion(question)
                .setContexts(List.of("Some context for " + id + ".")).setLongAnswer("A conclusion for " + id + ".")
                .setOptions(InputValidator.KNOWN_OPTIONS).setSource("test").setRequestedAt(Instant.EPOCH).build(), gold);
    }

    @Test
    void givenTheOfficialFoldFiles_whenRead_thenTenFoldsOf450And50WithEveryItemHeldOutExactlyOnce() {
        List<CrossValidationFolds.Fold> folds = CrossValidationFolds.read(pqal().resolve("pqal_trainval.json"),
                pqal().resolve("pqal_cv_folds.json"));

        assertThat(folds).hasSize(10);
        Set<String> heldOut = new HashSet<>();
        for (CrossValidationFolds.Fold f : folds) {
            assertThat(f.train()).hasSize(450);
            assertThat(f.heldOut()).hasSize(50);
            assertThat(f.heldOut()).allSatisfy(it -> assertThat(it.gold()).isIn("yes", "no", "maybe"));
            assertThat(CrossValidationFolds.ids(f.train())).doesNotContainAnyElementsOf(f.heldOutIds());
            f.heldOutIds().forEach(id -> assertThat(heldOut.add(id)).as("held out twice: " + id).isTrue());
        }
        assertThat(heldOut).hasSize(500);
    }

    @Test
    void givenATrainingPartHoldingAHeldOutId_whenTheFoldIsBuilt_thenItIsRefusedNamingTheItem() {
        List<PubMedQaFile.Item> train = List.of(item("1", "Does A help?", "yes"), item("2", "Does B help?", "no"));
        List<PubMedQaFile.Item> heldOut = List.of(item("2", "Does B help?", "no"));

        assertThatThrownBy(() -> new CrossValidationFolds.Fold(3, train, heldOut))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fold 3 training items").hasMessageContaining("[2]");
    }

    @Test
    void givenTheSameQuestionUnderAnotherId_whenTheFoldIsBuilt_thenItIsRefused() {
        List<PubMedQaFile.Item> train = List.of(item("1", "Does aspirin prevent stroke?", "yes"));
        List<PubMedQaFile.Item> heldOut = List.of(item("9", "  does ASPIRIN prevent stroke? ", "yes"));

        assertThatThrownBy(() -> new CrossValidationFolds.Fold(0, train, heldOut))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("training questions");
    }

    @Test
    void givenDerivedTrainingText_whenItSharesAHeldOutString_thenRequireDisjointThrows() {
        assertThatThrownBy(() -> CrossValidationFolds.requireDisjoint("the tokenizer corpus", List.of("held out text"),
                List.of("train text", "held out text")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tokenizer corpus").hasMessageContaining("held out text");
        CrossValidationFolds.requireDisjoint("the tokenizer corpus", List.of("held out text"), List.of("train text"));
    }

    @Test
    void givenAFold_whenLimited_thenItKeepsTheFirstItemsOfEachPart() {
        CrossValidationFolds.Fold f = new CrossValidationFolds.Fold(1,
                List.of(item("1", "q1", "yes"), item("2", "q2", "no"), item("3", "q3", "maybe")),
                List.of(item("4", "q4", "yes"), item("5", "q5", "no")));

        CrossValidationFolds.Fold small = f.limit(2, 1);

        assertThat(CrossValidationFolds.ids(small.train())).containsExactlyInAnyOrder("1", "2");
        assertThat(small.heldOutIds()).containsExactly("4");
        assertThat(small.index()).isEqualTo(1);
    }
}
