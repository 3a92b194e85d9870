package medstream.labeler.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkerDevicesTest {

    @Test
    void givenAnExplicitList_whenResolved_thenOneWorkerPerEntry() {
        assertThat(WorkerDevices.resolve(" cpu, CPU ")).containsExactly("cpu", "cpu");
        assertThat(WorkerDevices.resolve("gpu0,gpu1")).containsExactly("gpu0", "gpu1");
    }

    @Test
    void givenAuto_whenResolved_thenEveryGpuDjlSeesOrOneCpu() {
        int gpus = ai.djl.engine.Engine.getInstance().getGpuCount();

        assertThat(WorkerDevices.resolve("auto")).hasSize(Math.max(1, gpus)).allMatch(d -> d.equals(gpus == 0 ? "cpu" : d));
    }

    @Test
    void givenAnUnknownDevice_whenResolved_thenTheErrorSaysWhatIsAllowed() {
        assertThatThrownBy(() -> WorkerDevices.resolve("tpu")).hasMessageContaining("use auto, cpu or gpuN");
        assertThatThrownBy(() -> WorkerDevices.resolve(" , ")).hasMessageContaining("No device");
    }
}
