package medstream.trainer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import medstream.contracts.CorpusText;
import medstream.contracts.LabelOrigin;
import medstream.contracts.McqTask;
import medstream.contracts.ModelVersion;
import medstream.contracts.Option;
import medstream.contracts.TaskFamily;
import medstream.lm.checkpoint.Checkpoint;
import medstream.lm.hf.DType;
import medstream.lm.hf.HfConfig;
import medstream.lm.hf.TinyHfCheckpoints;
import medstream.lm.model.CausalLm;
import medstream.lm.model.DecoderNet;
import medstream.lm.model.ModelConfig;
import medstream.lm.tokenizer.BpeTokenizer;
import medstream.trainer.RoundInput;
import medstream.trainer.StageEngine;
import medstream.trainer.StageSpec;
import medstream.trainer.TrainerListener;
import medstream.trainer.config.TrainingHyperparameters;
import medstream.trainer.config.TruncationPolicy;
import medstream.trainer.format.Example;
import medstream.trainer.format.McqFormatter;
import medstream.trainer.round.RoundPlanner;
import medstream.trainer.testing.TestTokenizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer's API for experiments: a stage-3 version tuned from memory on a few tasks, from a fresh model, from a
 * pretrained checkpoint (with adapters) and from a Hugging Face directory, written under the given root as a loadable
 * checkpoint without offsets and without any stage-2 directory.
 */
class McqTuningTest {
    private static final McqTuning.Settings FULL = new McqTuning.Settings("tiny", 1e-3, 4, 2, false, 0, 1337);
    private static final String[][] FACTS = {
        {"Does aspirin reduce platelet aggregation?", "Aspirin inhibits cyclooxygenase.", "yes"},
        {"Does metformin raise hepatic glucose output?", "Metformin lowers it.", "no"},
        {"Do beta blockers reduce mortality?", "They reduce mortality after infarction.", "yes"},
        {"Is hypertension a risk for stroke?", "It is a major risk factor.", "yes"},
        {"Does insulin resistance follow diabetes?", "It precedes diabetes by years.", "no"},
        {"Does warfarin need monitoring?", "Its ratio is monitored.", "yes"},
    };

    @TempDir
    Path dir;

    @Test
    void givenAFreshParent_whenTunedOnTasks_thenAVersionWithoutOffsetsIsWrittenUnderTheRootAndNoStage2Exists()
            throws Exception {
        Path parent = dir.resolve("fresh");
        BpeTokenizer tokenizer = TestTokenizers.tiny();
        long parameters = FreshModel.write(parent, ModelConfig.preset("tiny", tokenizer.vocabSize()), tokenizer);
        Path root = dir.resolve("fold");

        TrainedVersion v = McqTuning.tune(parent, tasks(), FULL, root, System.err);

        assertThat(v.checkpoint()).isEqualTo(root.resolve("stage3").resolve("s3-v0001"));
        assertThat(root.resolve("stage2")).doesNotExist();
        assertThat(dir.resolve("stage2")).doesNotExist();
        assertThat(v.parameters()).isEqualTo(parameters);
        assertThat(v.rows()).isEqualTo(FACTS.length);
        assertThat(v.unformattable()).isEmpty();
        assertThat(v.steps()).isEqualTo((FACTS.length * 2 + 3) / 4);
        assertThat(v.lossCurve()).hasSize(v.steps());
        assertThat(v.trainedTokens()).isEqualTo(2 * v.rowTokens());
        assertThat(v.tokensPerSecond()).isPositive();
        Checkpoint c = Checkpoint.open(v.checkpoint());
        assertThat(c.offsets()).isEmpty();
        assertThat(c.parentVersion()).contains("fresh");
        assertThat(c.dataStats().get("records").longValue()).isEqualTo(FACTS.length);
        ModelVersion record = ModelVersion.getDecoder().decode(
                Files.readAllBytes(c.extraFile(StageEngine.VERSION_RECORD_FILE).orElseThrow()));
        assertThat(record.getStage()).isEqualTo(3);
        assertThat(record.getOffsetRanges()).isEmpty();
        try (CausalLm loaded = c.loadModel()) {
            assertThat(loaded.parameterCount()).isEqualTo(parameters);
        }
        Checkpoint.open(parent); // the parent is only read: it still verifies
    }

    @Test
    void givenAPretrainedCheckpoint_whenTunedWithAdapters_thenTheVersionCarriesThemAndNamesItsParent() throws Exception {
        List<CorpusText> texts = new ArrayList<>();
        for (String t : TestTokenizers.TEXTS) {
            texts.add(CorpusText.newBuilder().setId("t" + texts.size()).setText(t).setLanguage("en")
                    .setSourceKind("DOCUMENT").setSource("test").setOriginIds(List.of()).setApproxTokens(10).build());
        }
        TrainedVersion base = CorpusPretraining.pretrain("tiny", 1337, TestTokenizers.tiny(), texts, 2, dir.resolve("pre"),
                System.err);
        assertThat(base.checkpoint()).isEqualTo(dir.resolve("pre").resolve("stage1").resolve("s1-v0001"));
        assertThat(base.rows()).isEqualTo(texts.size());
        assertThat(base.steps()).isPositive();
        assertThat(Checkpoint.open(base.checkpoint()).parentVersion()).contains(FreshModel.DIRECTORY);

        TrainedVersion v = McqTuning.tune(base.checkpoint(), tasks(),
                new McqTuning.Settings("tiny", 1e-3, 4, 1, true, 0, 1337), dir.resolve("fold"), System.err);

        Checkpoint c = Checkpoint.open(v.checkpoint());
        assertThat(c.loraConfig()).isPresent();
        assertThat(c.parentVersion()).contains("s1-v0001");
        assertThat(v.parameters()).isGreaterThan(base.parameters()); // the adapters
        try (CausalLm loaded = c.loadModel()) {
            assertThat(loaded.parameterCount()).isPositive();
        }
    }

    @Test
    void givenAHuggingFaceDirectory_whenTunedWithAdapters_thenTheVersionIsAHuggingFaceCheckpointOverIt()
            throws Exception {
        Path hf = dir.resolve("qwen");
        HfConfig config = HfConfig.qwen2(TinyHfCheckpoints.VOCAB, 32, 64, 2, 4, 2, 256, false);
        TinyHfCheckpoints.write(hf, config, TinyHfCheckpoints.randomTensors(config, 5), DType.F32);
        TinyHfCheckpoints.writeTokenizer(hf, true);

        TrainedVersion v = McqTuning.tune(hf, tasks(), new McqTuning.Settings("tiny", 1e-3, 4, 1, true, 0, 1337),
                dir.resolve("fold"), System.err);

        Checkpoint c = Checkpoint.open(v.checkpoint());
        assertThat(c.isHuggingFace()).isTrue();
        assertThat(c.loraBase()).contains(hf);
        assertThat(v.rows() + v.unformattable().size()).isEqualTo(FACTS.length);
        assertThat(v.steps()).isPositive();
        try (DecoderNet loaded = c.loadMerged(Device.cpu())) {
            assertThat(loaded.parameterCount()).isPositive();
        }
    }

    @Test
    void givenAParentOfAnotherPreset_whenTuned_thenRefusedBeforeTrainingNamingBothContexts() throws Exception {
        Path parent = dir.resolve("small");
        BpeTokenizer tokenizer = TestTokenizers.tiny();
        FreshModel.write(parent, ModelConfig.preset("small", tokenizer.vocabSize()), tokenizer);

        assertThatThrownBy(() -> McqTuning.tune(parent, tasks(), FULL, dir.resolve("fold"), System.err))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("preset tiny has a context of")
                .hasMessageContaining("pass the preset the parent was built with");
        assertThat(dir.resolve("fold")).doesNotExist();
    }

    @Test
    void givenADirectoryHoldingNoModel_whenAnEngineIsOpenedOnIt_thenRefusedNamingWhatAModelDirectoryHolds() {
        TrainingHyperparameters h = TrainingHyperparameters.forPreset("tiny");

        assertThatThrownBy(() -> StageEngine.openFromParent(StageSpec.STAGE3, h, dir, dir.resolve("out"),
                TrainerListener.NONE, System.err)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Checkpoint.MANIFEST).hasMessageContaining("model_type");
    }

    @Test
    void givenAnEngineOpenedFromAParent_whenGivenOffsetRanges_thenRefusedAndNothingIsWritten() throws Exception {
        Path parent = dir.resolve("fresh");
        BpeTokenizer tokenizer = TestTokenizers.tiny();
        FreshModel.write(parent, ModelConfig.preset("tiny", tokenizer.vocabSize()), tokenizer);
        Path root = dir.resolve("out");
        try (StageEngine<McqTask> engine = StageEngine.openFromParent(StageSpec.STAGE3,
                TrainingHyperparameters.forPreset("tiny"), parent, root, TrainerListener.NONE, System.err)) {
            List<Example> rows = List.of(engine.format(tasks().get(0)));
            RoundInput fromATopic = new RoundInput(rows, Map.of(0, new long[] {0, 1}), Map.of(0, 1L),
                    Map.of(0, (long) rows.get(0).length()), 0, RoundPlanner.Reason.CAUGHT_UP);

            assertThatThrownBy(() -> engine.trainRound(fromATopic)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("RoundInput.inMemory");
            assertThat(engine.checkParent()).isFalse();
        }
        assertThat(root.resolve("stage3")).doesNotExist();
    }

    @Test
    void givenAPromptLossWeight_whenAppliedToARow_thenPromptTargetsGetItAndTheAnswerKeepsItsWeight() {
        McqFormatter formatter = new McqFormatter(TestTokenizers.tiny(), 1024, TruncationPolicy.defaults());
        Example row = formatter.format(tasks().get(0));
        int answerAt = firstMasked(row) - 1;

        Example weighted = McqTuning.withPromptLoss(row, 0.05f);

        assertThat(weighted.tokens()).containsExactly(row.tokens());
        assertThat(weighted.weight()).isEqualTo(row.weight());
        for (int i = 0; i < answerAt; i++) assertThat(weighted.lossMask()[i]).isEqualTo(0.05f);
        for (int i = answerAt; i < row.lossMask().length; i++) {
            assertThat(weighted.lossMask()[i]).isEqualTo(row.lossMask()[i]).isEqualTo(1f);
        }
        assertThat(McqTuning.withPromptLoss(row, 0f)).isSameAs(row);
    }

    private static List<McqTask> tasks() {
        List<Option> options = List.of(new Option("yes", "yes"), new Option("no", "no"), new Option("maybe", "maybe"));
        List<McqTask> out = new ArrayList<>();
        for (String[] f : FACTS) {
            out.add(McqTask.newBuilder().setId("t" + out.size()).setFamily(TaskFamily.PUBMEDQA).setQuestion(f[0])
                    .setContext(f[1]).setOptions(options).setAnswer(f[2]).setLabelOrigin(LabelOrigin.GOLD)
                    .setSampleWeight(1.0).setSource("test").build());
        }
        return out;
    }

    private static int firstMasked(Example row) {
        float[] mask = row.lossMask();
        for (int i = 0; i < mask.length; i++) if (mask[i] > 0) return i + 1; // target i is token i + 1
        throw new AssertionError("row without a target");
    }
}
