package medstream.experiments.crossval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import medstream.contracts.LabelOrigin;
import medstream.contracts.McqTask;
import medstream.contracts.Option;
import medstream.contracts.TaskFamily;
import medstream.labeler.core.InputValidator;
import medstream.labeler.core.LabelInput;
import medstream.labeler.core.Validation;
import medstream.labeler.eval.CrossValidationFolds;
import medstream.labeler.model.GenerationParams;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.model.OptionScores;
import medstream.labeler.model.PromptWithOptions;
import medstream.labeler.model.ScoringMode;
import medstream.labeler.offline.PubMedQaFile;
import medstream.labeler.strategy.PerplexityStrategy;
import medstream.lm.hf.ChatFormat;
import medstream.lm.prompt.PromptEncoder;
import medstream.lm.tokenizer.BpeTokenizer;
import medstream.lm.tokenizer.BpeTrainer;
import medstream.trainer.config.TruncationPolicy;
import medstream.trainer.format.Example;
import medstream.trainer.format.McqFormatter;
import medstream.trainer.format.PromptFormats;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A model tuned on stage-3 tasks is scored on the prompt it was tuned on: for the same PubMedQA item, the trainer's
 * stage-3 row (McqFormatter) and evaluation prompt (PromptFormats.mcqPrompt) and the labeler's ppl option-scoring
 * prompt, as DjlLabelingModel feeds a model without a chat template (PromptEncoder), are the same ids, and the
 * trained answer is the scored option.
 */
class StagePromptParityTest {
    private static final int ITEMS = 60;
    private static List<PubMedQaFile.Item> items;
    private static BpeTokenizer tokenizer;

    @BeforeAll
    static void readItemsAndTrainATokenizer() {
        String p = System.getProperty("medstream.shared.data");
        Path pqal = (p != null ? Path.of(p) : Path.of("../shared/data")).resolve("pubmedqa-pqal");
        CrossValidationFolds.Fold fold = CrossValidationFolds.read(pqal.resolve("pqal_trainval.json"),
                pqal.resolve("pqal_cv_folds.json")).get(0);
        items = fold.train().subList(0, ITEMS);
        tokenizer = new BpeTrainer(4096).train(FoldTasks.tokenizerCorpus(fold.train()));
    }

    @Test
    void givenPqalItems_whenFormattedForStage3AndScoredByPpl_thenThePromptAndAnswerIdsAreIdentical() {
        McqFormatter formatter = new McqFormatter(tokenizer, 16_384, TruncationPolicy.defaults());
        PromptEncoder labelerEncoding = new PromptEncoder(tokenizer, ChatFormat.PLAIN);
        for (PubMedQaFile.Item item : items) {
            LabelInput in = ((Validation.Valid) new InputValidator().validate(item.request())).input();
            McqTask task = task(in, item.gold());
            PromptWithOptions scored = pplPrompt(in);

            Example row = formatter.format(task);
            int promptLength = firstTarget(row);
            int[] answer = labelerEncoding.continuation(scored.options().get(in.options().indexOf(item.gold())));

            int[] labelerPrompt = labelerEncoding.prompt(scored.prompt());
            assertThat(Arrays.copyOf(row.tokens(), promptLength)).as(in.id()).containsExactly(labelerPrompt);
            assertThat(PromptFormats.mcqPrompt(tokenizer, task.getQuestion(), task.getContext(), task.getOptions(),
                    16_384)).as(in.id()).containsExactly(labelerPrompt);
            assertThat(Arrays.copyOfRange(row.tokens(), promptLength, promptLength + answer.length)).as(in.id())
                    .containsExactly(answer);
        }
    }

    private static McqTask task(LabelInput in, String gold) {
        return McqTask.newBuilder().setId("parity:" + in.id()).setFamily(TaskFamily.PUBMEDQA)
                .setQuestion(in.question()).setContext(in.context())
                .setOptions(in.options().stream().map(o -> new Option(o, o)).toList()).setAnswer(gold)
                .setLabelOrigin(LabelOrigin.GOLD).setSampleWeight(1.0).setSource("pubmedqa-pqal").build();
    }

    /** The prompt and options the ppl strategy hands its model for {@code in}. */
    private static PromptWithOptions pplPrompt(LabelInput in) {
        List<PromptWithOptions> seen = new ArrayList<>();
        new PerplexityStrategy("v2").label(List.of(in), new LabelingModel() {
            @Override public String version() { return "parity"; }
            @Override public String device() { return "cpu"; }
            @Override public int contextWindow() { return 16_384; }
            @Override public int countTokens(String text) { return tokenizer.tokenCount(text) + 1; }
            @Override public List<String> generate(List<String> prompts, GenerationParams params) {
                throw new UnsupportedOperationException("ppl does not generate");
            }
            @Override public void close() { }

            @Override
            public List<OptionScores> scoreOptions(List<PromptWithOptions> batch, ScoringMode mode) {
                seen.addAll(batch);
                return batch.stream().map(b -> new OptionScores(new double[b.options().size()],
                        new int[b.options().size()])).toList();
            }
        });
        return seen.get(0);
    }

    private static int firstTarget(Example row) {
        float[] mask = row.lossMask();
        for (int i = 0; i < mask.length; i++) if (mask[i] > 0) return i + 1; // target i is token i + 1
        throw new AssertionError("row without a target");
    }
}
