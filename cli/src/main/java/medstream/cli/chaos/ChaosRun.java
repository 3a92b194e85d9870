package medstream.cli.chaos;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import medstream.cli.KeptStack;
import medstream.cli.Main;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;

/**
 * One chaos run: the broker (child JVM) and registry, the services (a JVM each), the shared data ingested with
 * {@code --limit}, then {@code kills} SIGKILLs at planned moments while generated documents flow, each victim started
 * again at once; then everything catches up, the services stop, and the {@link Auditor} reads the topics and the
 * checkpoints. With {@code baseline}, the same input also goes to a second broker where cleaning and knowledge run
 * without kills, and the audit compares the two runs' output keys.
 */
final class ChaosRun {
    private static final Duration MARKER_TIMEOUT = Duration.ofSeconds(90);

    /**
     * @param kills SIGKILLs to make
     * @param seed seeds the kill plan and the generated documents
     * @param limit records per shared data set
     * @param generated documents produced during the kills
     * @param baseline also run cleaning and knowledge with zero kills and compare
     * @param out the run's directory (brokers' data, state, checkpoints, logs, chaos.json)
     * @param dataDir the shared data sets
     * @param catchUp how long the services may take to catch up after the last kill
     */
    record Options(int kills, long seed, int limit, int generated, boolean baseline, Path out, Path dataDir, Duration catchUp) {}

    private final Options o;
    private final PrintStream log;
    private final long t0 = System.nanoTime();

    ChaosRun(Options options, PrintStream log) {
        this.o = options;
        this.log = log;
    }

    ChaosReport run() throws Exception {
        if (Files.exists(o.out().resolve("kafka"))) {
            throw new IllegalArgumentException("--out " + o.out() + " holds an earlier run; chaos audits from an empty broker: "
                    + "remove it or pass another --out");
        }
        Files.createDirectories(o.out());
        // Ctrl-C or a kill of this process must not leave the broker and services running on their own.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly),
                "chaos-children"));
        Path config = ChaosServices.writeConfig(o.out());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("seed", o.seed());
        run.put("limit", o.limit());
        run.put("generated", o.generated());
        try (KeptStack stack = KeptStack.start(o.out(), Map.of(), (short) 1, log);
             KeptStack twin = o.baseline() ? KeptStack.start(o.out().resolve("baseline"), Map.of(), (short) 1, log) : null) {
            TopicCatalog catalog = TopicCatalog.withRegistry(stack.registryUrl());
            List<KeptStack> stacks = twin == null ? List.of(stack) : List.of(stack, twin);
            List<Map<String, Object>> kills;
            Map<String, java.util.Set<String>> baselineKeys = Map.of();
            List<ServiceProcess> processes = new ArrayList<>();
            for (String s : ChaosServices.ALL) processes.add(ChaosServices.process(s, o.out(), config, stack.bootstrapServers(), stack.registryUrl()));
            try (ProcessSupervisor services = new ProcessSupervisor(processes);
                 GeneratedDocuments docs = new GeneratedDocuments(stacks.stream().map(ChaosRun::target).toList(), o.seed())) {
                say("starting " + ChaosServices.ALL);
                services.startAll();
                for (KeptStack s : stacks) ingest(s);
                kills = new KillRunner(services, docs, o, this::say, MARKER_TIMEOUT).run();
                docs.produceNext(o.generated() - docs.produced());
                run.put("kill_phase_s", seconds());
                run.put("caught_up", new CatchUp(stack.bootstrapServers(), ChaosServices.groups(catalog, ChaosServices.ALL), this::say)
                        .await(o.catchUp()));
                run.put("caught_up_s", seconds());
                run.put("incarnations", services.incarnations());
                run.put("unplanned_restarts", services.unplannedRestarts());
                run.put("unplanned_restart_reasons", services.unplannedReasons());
            }
            if (twin != null) baselineKeys = baseline(twin, config, catalog);
            say("auditing");
            AuditInput input = new AuditInput(catalog, CommittedTopics.readAll(stack.bootstrapServers(), catalog),
                    CommittedTopics.checkpoints(o.out().resolve("checkpoints")), baselineKeys);
            Map<String, ServiceAudit> audit = Auditor.audit(input);
            addResumeCheck(audit.get("trainer"), ResumeCheck.fromLogs(o.out().resolve("logs"), input.checkpoints()));
            run.put("wall_time_s", seconds());
            run.put("out", o.out().toAbsolutePath().toString());
            return new ChaosReport(kills, audit, run);
        }
    }

    private static GeneratedDocuments.Target target(KeptStack s) {
        TopicCatalog c = TopicCatalog.withRegistry(s.registryUrl());
        return new GeneratedDocuments.Target(s.bootstrapServers(), c.rawDocuments(), c.labelRequests());
    }

    @SuppressWarnings("unchecked")
    private static void addResumeCheck(ServiceAudit trainer, Map<String, Object> resumes) {
        trainer.details().put("resumes", resumes);
        ((List<String>) trainer.details().get("checkpoint_mismatches")).addAll((List<String>) resumes.get("mismatches"));
    }

    /** The zero-kill run: cleaning and knowledge on the twin broker until caught up; their output keys. */
    private Map<String, java.util.Set<String>> baseline(KeptStack twin, Path config, TopicCatalog catalog) throws Exception {
        Path dir = o.out().resolve("baseline");
        List<String> names = List.of("knowledge", "cleaning");
        List<ServiceProcess> processes = new ArrayList<>();
        for (String s : names) processes.add(ChaosServices.process(s, dir, config, twin.bootstrapServers(), twin.registryUrl()));
        say("zero-kill run of " + names + " on the twin broker");
        try (ProcessSupervisor services = new ProcessSupervisor(processes)) {
            services.startAll();
            boolean caughtUp = new CatchUp(twin.bootstrapServers(), ChaosServices.groups(catalog, names), this::say).await(o.catchUp());
            if (!caughtUp) throw new IllegalStateException("The zero-kill run did not catch up within " + o.catchUp()
                    + "; its logs are in " + dir.resolve("logs") + ". Run with a smaller --limit or without --baseline");
        }
        List<Topic<String, ?>> outputs = List.of(catalog.cleanDocuments(), catalog.cleanRejects(), catalog.stage1Corpus(),
                catalog.stage2Instructions(), catalog.stage3Tasks(), catalog.evalItems(), catalog.labelRequests());
        return CommittedTopics.keys(twin.bootstrapServers(), outputs);
    }

    private void ingest(KeptStack stack) {
        say("ingesting every data set (--limit " + o.limit() + ") into " + stack.bootstrapServers());
        // Every shared data set: "all" also names the generic adapter, which needs a path of its own.
        String sources = String.join(",", medstream.ingest.Ingest.sources().names().stream().filter(n -> !n.equals("generic")).toList());
        int rc = Main.run("ingest", "--bootstrap", stack.bootstrapServers(), "--registry", stack.registryUrl(), "--source", sources,
                "--limit", String.valueOf(o.limit()), "--data", o.dataDir().toString());
        if (rc != 0) throw new IllegalStateException("ingest into " + stack.bootstrapServers() + " failed (exit " + rc + "); see above");
    }

    private double seconds() {
        return Math.round((System.nanoTime() - t0) / 1e8) / 10.0;
    }

    void say(String line) {
        log.printf(java.util.Locale.ROOT, "chaos [%6.1f s] %s%n", seconds(), line);
    }
}
