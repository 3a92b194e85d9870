package medstream.labeler.service;

import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The devices the service runs one worker each on: every GPU DJL reports, else one CPU worker; or an
 * explicit list. More throughput than one host gives comes from more processes sharing the partitions.
 */
public final class WorkerDevices {
    private WorkerDevices() {}

    /**
     * @param setting {@code auto}, or a comma list such as {@code cpu}, {@code gpu0,gpu1}
     * @return one device name per worker
     */
    public static List<String> resolve(String setting) {
        String s = setting.trim().toLowerCase(Locale.ROOT);
        if (!s.equals("auto")) {
            List<String> devices = Arrays.stream(s.split(",")).map(String::trim).filter(d -> !d.isEmpty()).toList();
            for (String d : devices) {
                if (!d.equals("cpu") && !d.matches("gpu\\d+")) {
                    throw new IllegalArgumentException("Unknown device '" + d + "' in '" + setting + "': use auto, cpu or gpuN");
                }
            }
            if (devices.isEmpty()) throw new IllegalArgumentException("No device in '" + setting + "': use auto, cpu or gpuN");
            return devices;
        }
        int gpus = Engine.getInstance().getGpuCount();
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < gpus; i++) devices.add("gpu" + i);
        if (devices.isEmpty()) devices.add("cpu");
        return devices;
    }
}
