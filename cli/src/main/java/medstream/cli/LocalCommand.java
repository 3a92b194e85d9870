package medstream.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import medstream.cli.pipeline.CountTopicsStep;
import medstream.cli.pipeline.CurationStep;
import medstream.cli.pipeline.DataSetIngester;
import medstream.cli.pipeline.IngestModuleIngester;
import medstream.cli.pipeline.IngestStep;
import medstream.cli.pipeline.LabelLoopStep;
import medstream.cli.pipeline.LabelStep;
import medstream.cli.pipeline.Pipeline;
import medstream.cli.pipeline.PipelineStep;
import medstream.cli.pipeline.ProvisionTopicsStep;
import medstream.cli.pipeline.TrainStep;
import medstream.labeler.LabelerConfig;
import medstream.labeler.calibration.CalibrationConfig;
import medstream.topics.config.Setting;
import medstream.trainer.config.TrainerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./medstream local}: the whole pipeline on one machine. Starts an embedded broker and schema
 * registry (unless {@code --bootstrap}/{@code --registry} point elsewhere), provisions every topic,
 * ingests every shared data set, runs the knowledge and cleaning Streams apps to quiescence, trains stage 1,
 * 2 and 3, labels every PQA-U request with the labeler service, counts every topic and writes
 * {@code <out>/summary.json} (and {@code <out>/labels.jsonl}).
 */
@Command(name = "local", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the whole pipeline locally: broker + schema registry (embedded unless told otherwise), "
                + "topic provisioning, ingestion of every shared data set, curation (knowledge and cleaning Streams apps), "
                + "staged training (stage 1 -> 2 -> 3, each version evaluated), labeling of the PQA-U requests, "
                + "then per-topic and dead-letter counts.",
                "Writes <out>/summary.json (keys documented in README.md) and <out>/labels.jsonl."})
public final class LocalCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory of the shared data sets (default: ../shared/data beside the repository).")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: out).")
    Path out;

    @Option(names = "--limit", paramLabel = "N", description = "Records to produce per data set (default: all). A small N gives a smoke run.")
    Integer limit;

    @Option(names = "--label-rounds", paramLabel = "N", description = "Rounds of the annotation loop after the first "
            + "labeling: accepted labels become PSEUDO stage-3 tasks, stage 3 trains a new version, the labeler labels "
            + "again (default: 2; 0 = label once).")
    Integer labelRounds;

    @Option(names = "--base", paramLabel = "DIR", description = "Continue from this Hugging Face Qwen2 / Llama directory "
            + "(config.json, safetensors, tokenizer.json) instead of training medstream's GPT from scratch; every version "
            + "is a Hugging Face directory too (medstream.trainer.base).")
    Path base;

    /**
     * The steps of a local run, in order. Stages that consume the raw topics (cleaning, curation,
     * labelling, training) go between ingestion and counting, so the counts see their output.
     */
    public static List<PipelineStep> steps(DataSetIngester ingester) {
        return List.of(
                new ProvisionTopicsStep(),
                IngestStep.all(ingester),
                new CurationStep(),
                new TrainStep(),
                new LabelStep(),
                new LabelLoopStep(),
                new CountTopicsStep());
    }

    @Override
    public Integer call() throws Exception {
        if (limit != null && limit < 1) throw new IllegalArgumentException("--limit must be >= 1 (leave it out for all), got " + limit);
        var settings = common.settings()
                .override(CliSettings.DATA_DIR, data == null ? null : data.toString())
                .override(CliSettings.OUT_DIR, out == null ? null : out.toString())
                .override(CliSettings.LIMIT, limit)
                .override(LabelLoopStep.ROUNDS, labelRounds)
                .override(TrainerSettings.BASE, base == null ? null : base.toAbsolutePath().normalize().toString());
        LabelerDefaults.weakByDefault(settings, CliSettings.dataDir(settings));
        List<Setting<?>> stepSettings = new ArrayList<>(LabelerConfig.ALL);
        stepSettings.addAll(CalibrationConfig.ALL);
        stepSettings.add(LabelLoopStep.ROUNDS);
        stepSettings.addAll(TrainerSettings.ALL);
        return PipelineRunner.run(common, settings, stepSettings, new Pipeline(steps(new IngestModuleIngester())), true, System.out);
    }
}
