package medstream.trainer.config;

import ai.djl.Device;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import medstream.lm.model.Devices;
import medstream.lm.model.LoraConfig;
import medstream.lm.model.ModelConfig;
import medstream.lm.train.LrSchedule;
import medstream.lm.train.OptimizerConfig;

/**
 * Every hyperparameter of the trainer, with its default, in one place (nanoGPT's habit).
 *
 * <p>Where the defaults come from. AntGLM-Med trains a 10B model in three stages; what transfers to a
 * model a thousand times smaller is the optimizer and schedule shape, not the absolute rates:
 * <ul>
 *   <li>Stages 1-2 (paper): AdamW beta1 0.9, beta2 0.95, weight decay 0.1, gradient clip 1.0, cosine decay
 *       to 10% of the peak after a linear warm-up. Kept as is. The peak rates are ours: 1e-3 for stage 1
 *       (the rate nanoGPT uses for models of 4-6 layers and d 256-384; the paper's 10B rates would barely
 *       move a 4-layer model in the few hundred steps a local run affords) and 3e-4 for stage 2, lower so
 *       instruction tuning does not wash out what stage 1 injected. Warm-up: 2% of the planned steps.</li>
 *   <li>Stage 3 (paper): AdamW, lr 5e-5, linear decay, warm-up 6% of the steps, weight decay 0.01, LoRA
 *       r = 8. Kept: linear decay, 6% warm-up, weight decay 0.01, LoRA r = 8 (alpha 16, all projections).
 *       The rate is raised to {@link #STAGE3_SCALED_LR}: LoRA B starts at zero, and at the paper's 5e-5 the
 *       adapters of the small model barely move. Measured (small preset, 120 stage-1 steps on PubMedQA
 *       abstracts, then 25 LoRA steps of batch 8 on PubMedQA tasks, linear decay, 6% warm-up): training loss
 *       down by 0.006 nats at 5e-5, 0.05 at 3e-4, 0.16 at 1e-3, 0.30 at 3e-3. 1e-3 is the stage-1 peak, the
 *       highest rate we trust without a longer stability run. {@link #paperStage3()} gives the paper's value.</li>
 * </ul>
 * The planned token counts set the schedule length; a stream that goes past them trains at the minimum
 * rate (see {@link StageConfig#plannedTokens()}).
 *
 * @param preset model preset (tiny, small, base, large)
 * @param vocabSize tokenizer vocabulary trained in stage 1's first round
 * @param tokenizerSampleRecords stage-1 records (split over partitions, in offset order) the tokenizer is
 *     trained on
 * @param seed model initialisation and data-order seed
 * @param stage1 knowledge injection
 * @param stage2 instruction tuning
 * @param stage3 multiple-choice task adaptation
 * @param eval evaluation after every version
 * @param base a Hugging Face Qwen2 / Llama directory stage 1 continues from (its weights, tokenizer and chat template),
 *     or null to train medstream's GPT of the preset from scratch
 * @param device where the model trains: {@code auto} (the first GPU PyTorch sees, else the CPU), {@code cpu},
 *     {@code gpu0}, {@code gpu1}, ...
 */
public record TrainingHyperparameters(
        String preset,
        int vocabSize,
        int tokenizerSampleRecords,
        long seed,
        StageConfig stage1,
        StageConfig stage2,
        StageConfig stage3,
        EvalConfig eval,
        Path base,
        String device) {

    /** LoRA targets of stage 3 on a Hugging Face base: the attention projections, AntGLM-Med's setting. */
    public static final String BASE_LORA_TARGETS = "q,k,v,o";

    /** Validates the device name (without loading the engine, which {@code auto} would). */
    public TrainingHyperparameters {
        String d = device == null ? "" : device.trim().toLowerCase(Locale.ROOT);
        if (!d.equals("auto") && !d.equals("cpu") && !d.matches("gpu[0-9]+")) {
            throw new IllegalArgumentException("device '" + device + "' is not one of auto, cpu, gpu0, gpu1, ...");
        }
    }

    /** Stage 3's rate in the paper (for a 10B model). */
    public static final double STAGE3_PAPER_LR = 5e-5;
    /** Stage 3's rate here, raised for LoRA on a small model (see the class comment). */
    public static final double STAGE3_SCALED_LR = 1e-3;

    /**
     * What to evaluate after every version.
     *
     * @param pubmedqaLimit PubMedQA dev-fold items used (0 = all)
     * @param mcqSlice MedQA and MedMCQA items used per benchmark (the "slice")
     * @param enabled false skips evaluation (benchmarks, some tests)
     */
    public record EvalConfig(int pubmedqaLimit, int mcqSlice, boolean enabled) {
        /** Validates sizes. */
        public EvalConfig {
            if (pubmedqaLimit < 0 || mcqSlice < 0) {
                throw new IllegalArgumentException("eval sizes must be >= 0, got " + pubmedqaLimit + ", " + mcqSlice);
            }
        }
    }

    /** The stage's settings. */
    public StageConfig stage(int stage) {
        return switch (stage) {
            case 1 -> stage1;
            case 2 -> stage2;
            case 3 -> stage3;
            default -> throw new IllegalArgumentException("stage must be 1, 2 or 3, got " + stage);
        };
    }

    /** The model shape for a tokenizer with {@code tokenizerVocab} ids. */
    public ModelConfig model(int tokenizerVocab) {
        return ModelConfig.preset(preset, tokenizerVocab).withSeed(seed);
    }

    /** Same settings with one stage replaced. */
    public TrainingHyperparameters withStage(StageConfig config) {
        return new TrainingHyperparameters(preset, vocabSize, tokenizerSampleRecords, seed,
                config.stage() == 1 ? config : stage1, config.stage() == 2 ? config : stage2,
                config.stage() == 3 ? config : stage3, eval, base, device);
    }

    /** Same settings with another evaluation config. */
    public TrainingHyperparameters withEval(EvalConfig value) {
        return new TrainingHyperparameters(preset, vocabSize, tokenizerSampleRecords, seed, stage1, stage2, stage3, value,
                base, device);
    }

    /** Same settings with another tokenizer sample size. */
    public TrainingHyperparameters withTokenizerSampleRecords(int value) {
        return new TrainingHyperparameters(preset, vocabSize, value, seed, stage1, stage2, stage3, eval, base, device);
    }

    /**
     * Same settings continuing from a Hugging Face base: stage 3's adapters move to the attention projections
     * (AntGLM-Med's LoRA setting; the preset's GPT adapts every projection), same rank and alpha.
     *
     * @param value the base model directory, or null for none
     */
    public TrainingHyperparameters withBase(Path value) {
        StageConfig s3 = value != null && stage3.usesLora()
                ? stage3.withLora(LoraConfig.of(stage3.lora().rank(), stage3.lora().alpha(), BASE_LORA_TARGETS)) : stage3;
        return new TrainingHyperparameters(preset, vocabSize, tokenizerSampleRecords, seed, stage1, stage2, s3, eval,
                value, device);
    }

    /** Same settings on another device ({@code auto}, {@code cpu}, {@code gpu0}, ...). */
    public TrainingHyperparameters withDevice(String value) {
        return new TrainingHyperparameters(preset, vocabSize, tokenizerSampleRecords, seed, stage1, stage2, stage3, eval,
                base, value);
    }

    /** Same settings with another stage-1 tokenizer vocabulary. */
    public TrainingHyperparameters withVocabSize(int value) {
        return new TrainingHyperparameters(preset, value, tokenizerSampleRecords, seed, stage1, stage2, stage3, eval,
                base, device);
    }

    /** Same settings with another seed. */
    public TrainingHyperparameters withSeed(long value) {
        return new TrainingHyperparameters(preset, vocabSize, tokenizerSampleRecords, value, stage1, stage2, stage3, eval,
                base, device);
    }

    /** The DJL device of {@link #device()}. */
    public Device djlDevice() {
        return deviceOf(device);
    }

    private static Device deviceOf(String name) {
        String d = name.trim().toLowerCase(Locale.ROOT);
        return d.equals("auto") ? Devices.preferred() : d.equals("cpu") ? Device.cpu()
                : Device.gpu(Integer.parseInt(d.substring(3)));
    }

    /**
     * Defaults for a preset.
     *
     * @param preset tiny (tests, seconds), small (local default on 2 cores), base or large (GPU)
     * @return the hyperparameters
     */
    public static TrainingHyperparameters forPreset(String preset) {
        String p = preset.toLowerCase(Locale.ROOT);
        return switch (p) {
            // tiny: 512-id vocabulary, batches of 4 rows; rounds of a few hundred tokens.
            case "tiny" -> build(p, 512, 300, 4, 20_000, 4_000);
            // small: 4096 ids keep the output layer (d 256 x vocab) below the four blocks' cost.
            case "small" -> build(p, 4096, 4_000, 8, 400_000, 100_000);
            case "base", "large" -> build(p, 8192, 20_000, 16, 50_000_000, 2_000_000);
            default -> throw new IllegalArgumentException("unknown preset '" + preset + "'; use tiny, small, base or large");
        };
    }

    private static TrainingHyperparameters build(String preset, int vocab, int tokenizerSample, int batch,
            long plannedTokens, long roundTokens) {
        OptimizerConfig stages12 = new OptimizerConfig(0.9, 0.95, 1e-8, 0.1, 1.0, true);
        // The paper's stage 3 uses weight decay 0.01; clipping kept at 1.0 like the other stages.
        OptimizerConfig stage3Opt = new OptimizerConfig(0.9, 0.95, 1e-8, 0.01, 1.0, true);
        TriggerPolicy triggers = new TriggerPolicy(100_000, roundTokens, Duration.ofMinutes(30), false);
        TruncationPolicy truncation = TruncationPolicy.defaults();
        StageConfig s1 = new StageConfig(1, 1e-3, LrSchedule.Kind.COSINE, 0.1, 0.02, plannedTokens, stages12, null,
                batch, 0.1, 2_048, triggers, truncation);
        StageConfig s2 = new StageConfig(2, 3e-4, LrSchedule.Kind.COSINE, 0.1, 0.02, Math.max(1, plannedTokens / 4),
                stages12, null, batch, 0.25, 2_048, triggers, truncation);
        StageConfig s3 = new StageConfig(3, STAGE3_SCALED_LR, LrSchedule.Kind.LINEAR, 0.0, 0.06,
                Math.max(1, plannedTokens / 4), stage3Opt, LoraConfig.of(8, 16, "q,k,v,o,mlp_in,mlp_out"), batch,
                0.25, 2_048, triggers, truncation);
        return new TrainingHyperparameters(preset, vocab, tokenizerSample, 1337L, s1, s2, s3,
                new EvalConfig(200, 100, true), null, "auto");
    }

    /** Stage 3 with the paper's learning rate instead of the scaled one. */
    public StageConfig paperStage3() {
        return stage3.withPeakLr(STAGE3_PAPER_LR);
    }
}
