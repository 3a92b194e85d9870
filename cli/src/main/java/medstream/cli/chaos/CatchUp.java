package medstream.cli.chaos;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import medstream.topics.admin.ConsumerLag;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the pipeline has nothing left to do: every group has consumed its inputs (lag 0) and no topic has
 * grown for {@link #QUIET}, since some outputs come from timers (the knowledge app's KG inactivity, the trainer's
 * round age) rather than from input.
 */
final class CatchUp {
    static final Duration QUIET = Duration.ofSeconds(15);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(15);

    private final String bootstrap;
    private final List<ChaosServices.Group> groups;
    private final Consumer<String> say;

    CatchUp(String bootstrap, List<ChaosServices.Group> groups, Consumer<String> say) {
        this.bootstrap = bootstrap;
        this.groups = groups;
        this.say = say;
    }

    /** True once caught up; false when {@code timeout} passes first (the audit then shows what was left). */
    boolean await(Duration timeout) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long deadline = System.nanoTime() + timeout.toNanos();
            long lastReport = 0;
            long lastEnds = -1;
            long quietSince = System.nanoTime();
            while (System.nanoTime() < deadline) {
                Map<String, Long> lags = new HashMap<>();
                for (ChaosServices.Group g : groups) lags.put(g.id(), ConsumerLag.totalLag(admin, g.id(), g.topics()));
                long ends = totalEnds(admin);
                if (ends != lastEnds) {
                    lastEnds = ends;
                    quietSince = System.nanoTime();
                }
                boolean noLag = lags.values().stream().allMatch(l -> l == 0);
                if (noLag && System.nanoTime() - quietSince >= QUIET.toNanos()) {
                    say.accept("caught up: every group at lag 0 and no topic grew for " + QUIET.toSeconds() + " s");
                    return true;
                }
                if (System.nanoTime() - lastReport > REPORT_EVERY.toNanos()) {
                    say.accept("catching up: lag " + lags);
                    lastReport = System.nanoTime();
                }
                Thread.sleep(1000); // polling the broker's offsets: there is no event for "nothing left to do"
            }
            say.accept("NOT caught up within " + timeout.toSeconds() + " s; auditing what there is");
            return false;
        }
    }

    /** The sum of every topic's end offset: it changes whenever anything is written anywhere. */
    private static long totalEnds(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(admin.listTopics().names().get(30, TimeUnit.SECONDS)).allTopicNames().get(30, TimeUnit.SECONDS)
                .forEach((name, d) -> d.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream().mapToLong(i -> i.offset()).sum();
    }
}
