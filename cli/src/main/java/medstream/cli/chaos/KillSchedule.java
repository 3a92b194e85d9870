package medstream.cli.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Which service dies when, from a seed: the same seed gives the same plan. Each kill aims at a moment where a
 * crash is most likely to lose or repeat work, found by watching the victim's output for a marker, then waits a
 * random delay so that the kill lands somewhere inside that moment:
 * <ul>
 *   <li>{@link Moment#MID_TRANSACTION}: a Streams app or a labeler while documents flow (their transactions commit
 *       every 100 ms to a batch, so a random instant is inside one);</li>
 *   <li>{@link Moment#TRAINER_ROUND}: a stage's trainer after a round starts, while it trains;</li>
 *   <li>{@link Moment#MID_CHECKPOINT}: a stage's trainer at its round's last step, when the checkpoint is written;</li>
 *   <li>{@link Moment#REBALANCE}: two kills: one labeler at a random instant, then the other as it is handed
 *       partitions in the rebalance that the first one's death and restart cause.</li>
 * </ul>
 */
final class KillSchedule {
    /** The kinds of moment aimed at. */
    enum Moment { MID_TRANSACTION, TRAINER_ROUND, MID_CHECKPOINT, REBALANCE }

    /**
     * One planned kill.
     *
     * @param service the victim
     * @param moment what it aims at
     * @param marker the output line that opens the moment, or null for "any time"
     * @param delay the wait after the marker (or after the schedule reaches this kill)
     * @param sinceLastKill whether the marker is looked for from the previous kill on (a rebalance that kill caused)
     */
    record Kill(String service, Moment moment, Pattern marker, Duration delay, boolean sinceLastKill) {
        Kill(String service, Moment moment, Pattern marker, Duration delay) {
            this(service, moment, marker, delay, false);
        }
    }

    static final Pattern ROUND_STARTS = Pattern.compile("stage \\d: round \\d+ starts");
    /** The progress line of a round's last step: {@code step 12/12}. */
    static final Pattern LAST_STEP = Pattern.compile("step (\\d+)/\\1 ");
    static final Pattern ASSIGNED = Pattern.compile("Labeler worker \\d+ assigned \\[.+]");
    static final List<String> TRANSACTIONAL = List.of("cleaning", "knowledge", "labeler-a", "labeler-b");

    private KillSchedule() {}

    /** A stage's trainer, stage 3 less often: its rounds are rarest (a few PubMedQA tasks, and each stage-2 version). */
    private static String trainer(Random random) {
        int r = random.nextInt(5);
        return r < 2 ? "trainer-1" : r < 4 ? "trainer-2" : "trainer-3";
    }

    /** {@code n} kills, every kind of moment about equally often, in a seeded random order. */
    static List<Kill> plan(int n, long seed) {
        Random random = new Random(seed);
        // Moments in turn until they make n kills (a rebalance takes two), then in a seeded order.
        List<Moment> moments = new ArrayList<>();
        for (int i = 0, planned = 0; planned < n; i++) {
            Moment m = Moment.values()[i % Moment.values().length];
            if (m == Moment.REBALANCE && planned + 2 > n) m = Moment.MID_TRANSACTION;
            moments.add(m);
            planned += m == Moment.REBALANCE ? 2 : 1;
        }
        Collections.shuffle(moments, random);
        // Transactional victims take turns (in a seeded order), so that every one of them dies at least once in a run.
        List<String> victims = new ArrayList<>(TRANSACTIONAL);
        Collections.shuffle(victims, random);
        int transactional = 0;
        List<Kill> kills = new ArrayList<>();
        for (Moment m : moments) {
            switch (m) {
                case MID_TRANSACTION -> kills.add(new Kill(victims.get(transactional++ % victims.size()), m, null,
                        Duration.ofMillis(500 + random.nextInt(3500))));
                case TRAINER_ROUND -> kills.add(new Kill(trainer(random), m, ROUND_STARTS, Duration.ofMillis(random.nextInt(1500))));
                case MID_CHECKPOINT -> kills.add(new Kill(trainer(random), m, LAST_STEP, Duration.ofMillis(random.nextInt(400))));
                case REBALANCE -> {
                    boolean aFirst = random.nextBoolean();
                    String first = aFirst ? "labeler-a" : "labeler-b";
                    String second = aFirst ? "labeler-b" : "labeler-a";
                    kills.add(new Kill(first, Moment.MID_TRANSACTION, null, Duration.ofMillis(random.nextInt(2000))));
                    kills.add(new Kill(second, m, ASSIGNED, Duration.ofMillis(random.nextInt(300)), true));
                }
            }
        }
        return kills;
    }
}
