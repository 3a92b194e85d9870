package medstream.experiments.crossval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import medstream.labeler.eval.CrossValidationFolds;
import medstream.labeler.offline.PubMedQaFile;
import medstream.lm.tokenizer.BpeTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unlabeled text a cross-validation may pretrain on, and the guard that keeps PQA-L trainval text out of it. */
class PretrainCorpusTest {

    @TempDir
    Path dir;

    @Test
    void givenBothFileKinds_whenRead_thenOneWholeTextPerItemWithoutItsLabel() throws Exception {
        Path pqal = dir.resolve("pqal.json");
        Files.writeString(pqal, """
                {"101": {"QUESTION": "Does aspirin prevent stroke?", "CONTEXTS": ["Trial one.", "Trial two."],
                         "LONG_ANSWER": "It may.", "final_decision": "maybe"}}""", StandardCharsets.UTF_8);
        Path pqaa = dir.resolve("pqaa.jsonl");
        Files.writeString(pqaa, """
                {"question": "is tea good?", "passage": "Context (1): Tea was studied.", "answer": "yes"}

                {"question": "is coffee bad?", "passage": "Context (1): Coffee was studied.", "answer": "no"}
                """, StandardCharsets.UTF_8);

        List<String> texts = PretrainCorpus.read(List.of(pqal, pqaa));

        assertThat(texts).containsExactly("Does aspirin prevent stroke?\nTrial one.\nTrial two.\nIt may.",
                "is tea good?\nContext (1): Tea was studied.", "is coffee bad?\nContext (1): Coffee was studied.");
        assertThat(String.join(" ", texts)).doesNotContain("maybe").doesNotContain("\"yes\"");
    }

    @Test
    void givenAnotherFileKind_whenRead_thenRefused() {
        assertThatThrownBy(() -> PretrainCorpus.read(List.of(dir.resolve("notes.txt"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notes.txt");
    }

    @Test
    void givenALongText_whenChunked_thenEveryWordOnceInPiecesOfAtMostTheLimit() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 7; i++) b.append("w").append(i).append(i % 2 == 0 ? "  \n" : " ");

        List<String> chunks = PretrainCorpus.chunks(b.toString(), 3);

        assertThat(chunks).containsExactly("w0 w1 w2", "w3 w4 w5", "w6");
    }

    @Test
    void givenATrainvalPassageReformattedInsideACorpusText_whenGuarded_thenTheLeakIsFound() {
        List<String> forbidden = List.of("Serum ferritin was measured in 120 patients with heart failure.");
        List<String> corpus = List.of("is iron low in heart failure?\nContext (1): SERUM ferritin was  measured\nin 120"
                + " patients with heart failure. Others were not.");

        assertThatThrownBy(() -> PretrainCorpus.requireNoneOf("the corpus", forbidden, corpus))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("leaked into the corpus");
        PretrainCorpus.requireNoneOf("the corpus", forbidden, List.of("Serum ferritin was measured in 12 dogs."));
    }

    @Test
    void givenTheSharedUnlabeledFiles_whenGuardedAgainstEveryTrainvalItem_thenNothingIsShared() {
        String p = System.getProperty("medstream.shared.data");
        Path data = p != null ? Path.of(p) : Path.of("../shared/data");
        Path pqal = data.resolve("pubmedqa-pqal");
        CrossValidationFolds.Fold fold = CrossValidationFolds.read(pqal.resolve("pqal_trainval.json"),
                pqal.resolve("pqal_cv_folds.json")).get(0);
        List<PubMedQaFile.Item> trainval = new ArrayList<>(fold.train());
        trainval.addAll(fold.heldOut());

        List<String> corpus = PretrainCorpus.read(PretrainCorpus.defaultFiles(data));

        assertThat(trainval).hasSize(500);
        assertThat(corpus).hasSize(1000);
        PretrainCorpus.requireNoneOf("the shared pretraining files", FoldTasks.distinctiveTexts(trainval), corpus);
    }

    @Test
    void givenTheSharedUnlabeledFiles_whenTheBaseTokenizerIsTrained_thenEveryAnswerIsOneTokenAfterTheCue() {
        String p = System.getProperty("medstream.shared.data");
        Path data = p != null ? Path.of(p) : Path.of("../shared/data");
        BpeTokenizer tokenizer = PretrainedBase.tokenizer(PretrainCorpus.read(PretrainCorpus.defaultFiles(data)), 4096);

        // The cue without its last space: the space belongs to the answer's token (" yes").
        int cue = tokenizer.encode(FoldTasks.ANSWER_TAIL.stripTrailing()).length;
        for (String option : List.of("yes", "no", "maybe")) {
            assertThat(tokenizer.encode(FoldTasks.ANSWER_TAIL + option)).as(option).hasSize(cue + 1);
        }
    }
}
