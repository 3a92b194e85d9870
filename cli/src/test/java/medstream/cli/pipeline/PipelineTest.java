package medstream.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import medstream.topics.TopicCatalog;
import medstream.topics.config.Settings;
import org.junit.jupiter.api.Test;

class PipelineTest {
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final RunSummary summary = new RunSummary();
    private final RunContext ctx = new RunContext(TopicCatalog.withRegistry("mock://pipeline-test"), "127.0.0.1:1",
            "mock://pipeline-test", Map.of("security.protocol", "SSL"), Settings.of(Map.of()), Path.of("data"), Path.of("out"),
            OptionalInt.empty(), summary, new PrintStream(console, true, StandardCharsets.UTF_8));

    @Test
    void givenThreeSteps_whenRun_thenTheyRunInOrderAndEachIsTimedAsOk() throws Exception {
        List<String> ran = new ArrayList<>();
        Pipeline pipeline = new Pipeline(List.of(step("a", () -> ran.add("a")), step("b", () -> ran.add("b")),
                step("c", () -> ran.add("c"))));

        pipeline.run(ctx);

        assertThat(ran).containsExactly("a", "b", "c");
        assertThat(summary.section("steps")).containsOnlyKeys("a", "b", "c");
        assertThat(stepEntry("b")).containsEntry("status", "ok").containsKey("wall_time_s");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("[2/3] b");
    }

    @Test
    void givenAFailingMiddleStep_whenRun_thenTheFailureIsRecordedRethrownAndLaterStepsAreNotRun() {
        List<String> ran = new ArrayList<>();
        Pipeline pipeline = new Pipeline(List.of(step("a", () -> ran.add("a")),
                step("b", () -> { throw new IllegalStateException("broker gone"); }), step("c", () -> ran.add("c"))));

        assertThatThrownBy(() -> pipeline.run(ctx)).hasMessage("broker gone");

        assertThat(ran).containsExactly("a");
        assertThat(stepEntry("b")).containsEntry("status", "failed");
        assertThat(String.valueOf(stepEntry("b").get("error"))).contains("broker gone");
        assertThat(stepEntry("c")).containsEntry("status", "not_run");
    }

    @Test
    void givenStepsThatLeaveServicesRunning_whenALaterStepFails_thenEveryServiceIsStoppedNewestFirstAfterTheSteps() {
        List<String> events = new ArrayList<>();
        Pipeline pipeline = new Pipeline(List.of(
                stepWithContext("start-streams", c -> c.keepRunning("streams", () -> events.add("close streams"))),
                stepWithContext("start-labeler", c -> c.keepRunning("labeler", () -> events.add("close labeler"))),
                stepWithContext("train", c -> {
                    events.add("train");
                    throw new IllegalStateException("out of memory");
                })));

        assertThatThrownBy(() -> pipeline.run(ctx)).hasMessage("out of memory");

        assertThat(events).containsExactly("train", "close labeler", "close streams");
    }

    @Test
    void givenClientOverrides_whenAskingForClientConfig_thenBootstrapAndOverridesAreBoth() {
        assertThat(ctx.clientConfig()).containsEntry("bootstrap.servers", "127.0.0.1:1").containsEntry("security.protocol", "SSL");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> stepEntry(String name) {
        return (Map<String, Object>) summary.section("steps").get(name);
    }

    private static PipelineStep stepWithContext(String name, java.util.function.Consumer<RunContext> body) {
        return new PipelineStep() {
            @Override public String name() { return name; }
            @Override public void run(RunContext c) { body.accept(c); }
        };
    }

    private static PipelineStep step(String name, Runnable body) {
        return new PipelineStep() {
            @Override public String name() { return name; }
            @Override public void run(RunContext c) { body.run(); }
        };
    }
}
