package medstream.experiments.crossval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import medstream.contracts.McqTask;
import medstream.labeler.core.InputValidator;
import medstream.labeler.core.LabelInput;
import medstream.labeler.core.Validation;
import medstream.labeler.eval.CrossValidationFolds;
import medstream.labeler.offline.PubMedQaFile;
import medstream.labeler.prompt.PromptTemplate;
import medstream.lm.tokenizer.BpeTokenizer;
import medstream.lm.tokenizer.BpeTrainer;
import medstream.trainer.config.TruncationPolicy;
import medstream.trainer.format.Example;
import medstream.trainer.format.McqFormatter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Training and labeling see the same tokens: a fold's stage-3 row, as trainer-consumer's McqFormatter builds it, is
 * the labeler's long-answer v2 prompt (BOS + the rendered template, as DjlLabelingModel encodes it) followed by the
 * option continuation the strategy scores. (The prompt-loss weight of a row: trainer-consumer's McqTuningTest.)
 */
class CrossvalFormatTest {
    private static List<CrossValidationFolds.Fold> folds;
    @org.junit.jupiter.api.io.TempDir
    Path dir;
    private static BpeTokenizer tokenizer;

    @BeforeAll
    static void readFoldsAndTrainATokenizer() {
        String p = System.getProperty("medstream.shared.data");
        Path pqal = (p != null ? Path.of(p) : Path.of("../shared/data")).resolve("pubmedqa-pqal");
        folds = CrossValidationFolds.read(pqal.resolve("pqal_trainval.json"), pqal.resolve("pqal_cv_folds.json"));
        tokenizer = new BpeTrainer(4096).train(FoldTasks.tokenizerCorpus(folds.get(0).train()));
    }

    @Test
    void givenEveryPqalItem_whenFormattedForTrainingAndPromptedForLabeling_thenTheTokensAreIdentical() {
        McqFormatter formatter = new McqFormatter(tokenizer, 1024, TruncationPolicy.defaults());
        PromptTemplate template = PromptTemplate.load("long-answer", "v2");
        List<PubMedQaFile.Item> all = folds.get(0).train().stream().toList();
        List<McqTask> tasks = FoldTasks.tasks(all, FoldTasks.ClassWeights.BALANCED);
        assertThat(tasks).hasSize(all.size());

        for (int i = 0; i < all.size(); i++) {
            LabelInput in = ((Validation.Valid) new InputValidator().validate(all.get(i).request())).input();
            String prompt = template.render(Map.of("question", in.question(), "long_answer", in.longAnswer(),
                    "options", String.join("\n", in.options())));
            int[] labelerPrompt = concat(new int[] {tokenizer.bosId()}, tokenizer.encode(prompt));
            int[] labelerAnswer = tokenizer.encode(" " + all.get(i).gold());

            Example row = formatter.format(tasks.get(i));
            int promptLength = firstMasked(row);

            assertThat(Arrays.copyOf(row.tokens(), promptLength)).as(in.id()).containsExactly(labelerPrompt);
            assertThat(Arrays.copyOfRange(row.tokens(), promptLength, promptLength + labelerAnswer.length)).as(in.id())
                    .containsExactly(labelerAnswer);
            assertThat(row.tokens()[row.tokens().length - 1]).isEqualTo(tokenizer.eosId());
        }
    }

    @Test
    void givenBoilerplatePassagesSharedByAbstracts_whenTheGuardCompares_thenOnlyDistinctiveTextsCount() {
        List<String> distinctive = FoldTasks.distinctiveTexts(folds.get(0).train());
        assertThat(distinctive).doesNotContain("Not applicable.", "None.");
        assertThat(distinctive).hasSizeGreaterThan(3 * folds.get(0).train().size() - 10);
    }

    @Test
    void givenAFoldsTokenizer_whenTheOptionsAreEncoded_thenEachIsOneToken() {
        for (String option : List.of(" yes", " no", " maybe")) {
            assertThat(tokenizer.encode(option)).as(option).hasSize(1);
        }
    }

    @Test
    void givenAFoldsTrainingItems_whenMadeIntoTasks_thenClassWeightsBalanceTheClassesAndAverageOne() {
        List<PubMedQaFile.Item> train = folds.get(0).train();
        List<McqTask> tasks = FoldTasks.tasks(train, FoldTasks.ClassWeights.BALANCED);

        double total = tasks.stream().mapToDouble(McqTask::getSampleWeight).sum();
        assertThat(total / tasks.size()).isCloseTo(1.0, within(1e-9));
        for (String c : List.of("yes", "no", "maybe")) {
            double classTotal = tasks.stream().filter(t -> t.getAnswer().equals(c)).mapToDouble(McqTask::getSampleWeight).sum();
            assertThat(classTotal).as(c).isCloseTo(total / 3, within(1e-9));
        }
        assertThat(tasks).allSatisfy(t -> assertThat(t.getContext()).isNotBlank());
    }

    @Test
    void givenAFold_whenItsTokenizerCorpusIsBuilt_thenNoHeldOutTextIsInIt() {
        for (CrossValidationFolds.Fold f : folds) {
            List<String> corpus = FoldTasks.tokenizerCorpus(f.train());
            CrossValidationFolds.requireDisjoint("fold " + f.index(), FoldTasks.distinctiveTexts(f.heldOut()), corpus);
            assertThat(corpus).containsAll(FoldTasks.itemTexts(f.train()));
        }
    }

    @Test
    void givenAHeldOutConclusionCopiedIntoATrainingItem_whenTheFoldIsTrained_thenTrainingIsRefusedBeforeItStarts() {
        CrossValidationFolds.Fold f = folds.get(0).limit(20, 2);
        PubMedQaFile.Item held = f.heldOut().get(0);
        PubMedQaFile.Item first = f.train().get(0);
        // Same conclusion under another id and question: the fold's own id/question check cannot see it.
        PubMedQaFile.Item copy = new PubMedQaFile.Item(medstream.contracts.LabelRequest.newBuilder(first.request())
                .setLongAnswer(held.request().getLongAnswer()).build(), first.gold());
        List<PubMedQaFile.Item> train = new java.util.ArrayList<>(f.train());
        train.set(0, copy);
        CrossValidationFolds.Fold leaky = new CrossValidationFolds.Fold(f.index(), train, f.heldOut());
        CrossvalParams p = CrossvalParams.defaults(Path.of("unused"), Path.of("unused")).withModel("tiny", 512, List.of("ppl"));

        assertThatThrownBy(() -> FoldTrainer.train(p, leaky, dir, System.err))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tokenizer corpus of fold 0");
    }

    private static int firstMasked(Example row) {
        float[] mask = row.lossMask();
        for (int i = 0; i < mask.length; i++) if (mask[i] > 0) return i + 1; // target i is token i + 1
        throw new AssertionError("row without a target");
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
