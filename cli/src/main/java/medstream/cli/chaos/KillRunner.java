package medstream.cli.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Carries out a {@link KillSchedule}: before each kill it produces the next slice of generated documents (so data
 * flows through every kill), waits for the kill's marker in the victim's output and the planned delay, SIGKILLs the
 * victim, starts it again and waits until it runs before going on to the next.
 */
final class KillRunner {
    private final ProcessSupervisor services;
    private final GeneratedDocuments docs;
    private final ChaosRun.Options options;
    private final Consumer<String> say;
    private final Duration markerTimeout;
    private final long t0 = System.nanoTime();

    KillRunner(ProcessSupervisor services, GeneratedDocuments docs, ChaosRun.Options options, Consumer<String> say, Duration markerTimeout) {
        this.services = services;
        this.docs = docs;
        this.options = options;
        this.say = say;
        this.markerTimeout = markerTimeout;
    }

    /** Makes every planned kill; returns what each was. */
    List<Map<String, Object>> run() throws InterruptedException {
        List<KillSchedule.Kill> plan = KillSchedule.plan(options.kills(), options.seed());
        int slice = options.kills() == 0 ? 0 : (options.generated() + options.kills() - 1) / options.kills();
        Map<String, Long> logAtLastKill = new HashMap<>();
        List<Map<String, Object>> done = new ArrayList<>();
        for (KillSchedule.Kill kill : plan) {
            docs.produceNext(Math.min(slice, options.generated() - docs.produced()));
            ServiceProcess victim = services.get(kill.service());
            long from = kill.sinceLastKill() ? logAtLastKill.getOrDefault(kill.service(), 0L) : victim.logLength();
            boolean markerSeen = kill.marker() == null || victim.awaitMarker(kill.marker(), from, markerTimeout);
            Thread.sleep(kill.delay().toMillis()); // the planned delay inside the moment, not a wait for a result
            for (String s : ChaosServices.ALL) logAtLastKill.put(s, services.get(s).logLength());
            long pid = services.killAndRestart(kill.service());
            logAtLastKill.put(kill.service(), 0L); // its new incarnation writes a new log
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("service", kill.service());
            k.put("moment", kill.moment().name().toLowerCase(java.util.Locale.ROOT));
            k.put("pid", pid);
            k.put("at_s", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
            k.put("marker_seen", markerSeen);
            done.add(k);
            say.accept("kill " + done.size() + "/" + plan.size() + ": SIGKILL " + kill.service() + " (pid " + pid + ", " + k.get("moment")
                    + (markerSeen ? "" : ", marker not seen: the victim died first or " + markerTimeout.toSeconds() + " s passed") + "); restarted");
            services.awaitStarted(victim);
        }
        return done;
    }
}
