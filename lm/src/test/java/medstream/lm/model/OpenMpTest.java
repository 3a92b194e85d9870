package medstream.lm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class OpenMpTest {

    @Test
    void givenNoExplicitWaitPolicy_whenTheEngineIsLoaded_thenOpenMpIsToldToWaitPassively() {
        assumeTrue(System.getenv("OMP_WAIT_POLICY") == null, "the environment sets its own OMP_WAIT_POLICY");
        assumeTrue(!"false".equals(System.getProperty("medstream.lm.ompPassive")), "turned off for this run");

        Devices.engine();

        assertThat(OpenMp.nativeEnv("OMP_WAIT_POLICY")).isEqualTo("PASSIVE");
    }
}
