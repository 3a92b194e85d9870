package medstream.cli.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import medstream.cli.Main;
import medstream.topics.TopicCatalog;

/**
 * The command lines of the services a chaos run starts: one JVM per service ({@code serve}), the same classpath as
 * this one, settings in one properties file: the tiny model, rounds every few thousand tokens or 5 s of waiting so
 * that rounds (and checkpoints) happen while services are killed, and short consumer sessions so that a killed
 * member's partitions move on after 6 s instead of 45 s.
 */
final class ChaosServices {
    /**
     * The services of a chaos run: two labelers, so that a rebalance can be hit, and one trainer per stage
     * ({@code medstream.trainer.stages=N}): stages sharing one JVM crash each other (DJL allows one gradient collector
     * per process; see docs/BENCHMARKS.md, "Chaos"), which would measure that bug instead of crash safety.
     */
    static final List<String> ALL = List.of("knowledge", "cleaning", "trainer-1", "trainer-2", "trainer-3", "labeler-a", "labeler-b");
    /** The trainer processes, stage N in {@code trainer-N}. */
    static final List<String> TRAINERS = List.of("trainer-1", "trainer-2", "trainer-3");
    /** The consumer groups that must have caught up before the audit, and the topics each reads. */
    static List<Group> groups(TopicCatalog c, List<String> services) {
        List<Group> g = new ArrayList<>();
        if (services.contains("cleaning")) g.add(new Group("medstream-cleaning", List.of(c.rawDocuments().name())));
        if (services.contains("knowledge")) g.add(new Group("medstream-knowledge", List.of(c.rawKgTriplets().name(),
                c.rawExamQuestions().name(), c.rawQaPairs().name(), c.rawPubMedQa().name(), c.cleanDocuments().name())));
        if (services.contains("labeler-a")) g.add(new Group("medstream-labeler", List.of(c.labelRequests().name())));
        if (services.contains("trainer-1")) {
            g.add(new Group("medstream-trainer-stage1", List.of(c.stage1Corpus().name())));
            g.add(new Group("medstream-trainer-stage2", List.of(c.stage2Instructions().name())));
            g.add(new Group("medstream-trainer-stage3", List.of(c.stage3Tasks().name())));
        }
        return g;
    }

    /** A consumer group and its input topics. */
    record Group(String id, List<String> topics) {}

    private ChaosServices() {}

    /** Writes the settings file every service of the run reads ({@code --config}). */
    static Path writeConfig(Path dir) throws IOException {
        Path file = dir.resolve("chaos.properties");
        String text = String.join("\n",
                "# Written by ./medstream chaos: the settings of every service it starts.",
                "medstream.trainer.preset=tiny",
                "medstream.trainer.round-tokens=3000",
                "medstream.trainer.round-max-age-s=5",
                "medstream.trainer.checkpoint-dir=" + dir.resolve("checkpoints").toAbsolutePath(),
                "medstream.labeler.stage=1",
                "medstream.labeler.devices=cpu",
                "medstream.labeler.voc.explanation-tokens=8",
                "# The tiny model's 128-token window holds no VoC prompt with a context; long-answer prompts fit.",
                "medstream.labeler.strategy=long-answer",
                "# One process per service on one host: each takes a free metrics port (the default 9404 fits only one).",
                "medstream.metrics.port=0",
                "kafka.session.timeout.ms=6000",
                "kafka.heartbeat.interval.ms=1500",
                "");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * The service process {@code name}: {@code labeler-a} is a labeler with instance id {@code chaos-labeler-a},
     * {@code trainer-2} the trainer of stage 2 only.
     */
    static ServiceProcess process(String name, Path dir, Path config, String bootstrap, String registry) {
        String service = name.startsWith("labeler") ? "labeler" : name.startsWith("trainer") ? "trainer" : name;
        boolean model = service.equals("labeler") || service.equals("trainer");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                model ? "-Xmx1g" : "-Xmx512m", "-XX:+UseSerialGC", "-Dai.djl.offline=true", "-Dai.djl.pytorch.graph_optimizer=false",
                "-Dmedstream.labeler.instance-id=chaos-" + name));
        if (service.equals("trainer")) cmd.add("-Dmedstream.trainer.stages=" + name.substring("trainer-".length()));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", service,
                "--bootstrap", bootstrap, "--registry", registry, "--config", config.toString(),
                "--state-dir", dir.resolve("state").resolve(name).toString(), "--status-interval", "10"));
        return new ServiceProcess(name, cmd, dir.resolve("logs"));
    }
}
