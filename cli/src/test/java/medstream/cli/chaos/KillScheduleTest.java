package medstream.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The kill plan: reproducible from its seed, exactly N kills, every kind of moment and every transactional service. */
class KillScheduleTest {
    @Test
    void givenASeed_whenPlanningTwice_thenThePlansAreTheSame_andHoldExactlyNKills() {
        List<KillSchedule.Kill> first = KillSchedule.plan(20, 42);

        assertThat(first).hasSize(20);
        assertThat(KillSchedule.plan(20, 42)).extracting(KillSchedule.Kill::service, KillSchedule.Kill::moment, KillSchedule.Kill::delay)
                .isEqualTo(first.stream().map(k -> org.assertj.core.groups.Tuple.tuple(k.service(), k.moment(), k.delay())).toList());
    }

    @Test
    void givenTwentyKills_whenPlanned_thenEveryMomentEveryTransactionalServiceAndATrainerAreHit() {
        List<KillSchedule.Kill> plan = KillSchedule.plan(20, 1);

        assertThat(plan.stream().map(KillSchedule.Kill::moment).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(KillSchedule.Moment.values());
        assertThat(plan.stream().map(KillSchedule.Kill::service).collect(Collectors.toSet()))
                .containsAll(KillSchedule.TRANSACTIONAL).containsAnyElementsOf(ChaosServices.TRAINERS);
    }

    @Test
    void givenARebalanceKill_whenPlanned_thenItFollowsAKillOfTheOtherLabeler_andWatchesForTheAssignmentSinceThen() {
        List<KillSchedule.Kill> plan = KillSchedule.plan(20, 3);

        for (int i = 0; i < plan.size(); i++) {
            KillSchedule.Kill k = plan.get(i);
            if (k.moment() != KillSchedule.Moment.REBALANCE || i == 0) continue;
            assertThat(k.sinceLastKill()).isTrue();
            assertThat(k.marker()).isEqualTo(KillSchedule.ASSIGNED);
            assertThat(plan.get(i - 1).service()).startsWith("labeler-").isNotEqualTo(k.service());
        }
    }
}
