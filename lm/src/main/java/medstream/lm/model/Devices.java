package medstream.lm.model;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Picks where models run. */
public final class Devices {

    /** Name of the only engine this module supports. */
    public static final String ENGINE = "PyTorch";

    private Devices() {}

    /** The PyTorch engine (loads the native library on first use, after tuning OpenMP; see OpenMp). */
    public static Engine engine() {
        OpenMp.preferPassiveWait();
        return Engine.getEngine(ENGINE);
    }

    /** The first GPU when PyTorch sees one, else the CPU. */
    public static Device preferred() {
        return engine().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }
}
