package medstream.cli.crossval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import medstream.cli.Main;
import medstream.contracts.McqTask;
import medstream.experiments.crossval.CrossvalParams;
import medstream.experiments.crossval.FoldTasks;
import medstream.labeler.eval.CrossValidationFolds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The options of {@code ./medstream crossval}, parsed and checked before anything trains: {@code --class-weights},
 * {@code --baselines-only}, {@code --pretrain-epochs}.
 */
class CrossvalCommandTest {
    private final Path data = CrossvalCommandIT.sharedData();

    @TempDir
    Path dir;

    @Test
    void givenTheClassWeightsOption_whenParsed_thenNoneIsTheDefaultAndWeighsEveryRecordOne() {
        assertThat(params("--baselines-only").classWeights()).isEqualTo(FoldTasks.ClassWeights.NONE);
        assertThat(params("--baselines-only").baselinesOnly()).isTrue();
        assertThat(params("--class-weights", "balanced").classWeights()).isEqualTo(FoldTasks.ClassWeights.BALANCED);
        CrossvalParams none = params("--class-weights", "none");
        assertThat(none.classWeights()).isEqualTo(FoldTasks.ClassWeights.NONE);
        assertThat(none.baselinesOnly()).isFalse();
        assertThat(none.pretrainEpochs()).isEqualTo(CrossvalParams.DEFAULT_PRETRAIN_EPOCHS);
        assertThat(params("--pretrain-epochs", "5").pretrainEpochs()).isEqualTo(5);
        assertThat(params("--base", dir.toString()).pretrainEpochs()).as("a given base is the start").isZero();

        List<CrossValidationFolds.Fold> folds = CrossValidationFolds.read(none.trainval(), none.foldsFile());
        List<McqTask> tasks = FoldTasks.tasks(folds.get(0).train(), none.classWeights());
        assertThat(tasks).hasSize(folds.get(0).train().size()).allSatisfy(t -> assertThat(t.getSampleWeight()).isEqualTo(1.0));
        assertThat(FoldTasks.ClassWeights.NONE.weights(folds.get(0).train())).containsOnlyKeys("yes", "no", "maybe")
                .allSatisfy((c, w) -> assertThat(w).isEqualTo(1.0));
    }

    @Test
    void givenAnUnknownClassWeighting_whenTheCommandRuns_thenItStopsBeforeTrainingAndNamesTheValues() {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("crossval", "--data", data.toString(), "--out", dir.resolve("cv").toString(),
                "--class-weights", "uniform");

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("--class-weights 'uniform': expected balanced or none");
        assertThat(dir.resolve("cv")).doesNotExist();
    }

    private CrossvalParams params(String... options) {
        CommandLine cli = Main.commandLine();
        List<String> args = new ArrayList<>(List.of("crossval", "--data", data.toString(), "--out", dir.toString()));
        args.addAll(List.of(options));
        cli.parseArgs(args.toArray(String[]::new));
        return ((CrossvalCommand) cli.getSubcommands().get("crossval").getCommand()).params();
    }
}
