package medstream.labeler.model;

import java.nio.file.Path;

/**
 * Loads a model version onto a device. The service calls it at start-up and for every new
 * {@code ModelVersion} it follows (hot reload), once per worker device.
 */
@FunctionalInterface
public interface ModelLoader {

    /**
     * @param checkpoint the model directory (a checkpoint location from {@code ModelVersion.checkpoint})
     * @param version    the version the loaded model reports, or null to read it from the checkpoint
     * @param device     the device, e.g. {@code cpu} or {@code gpu0}
     * @return the loaded model; the caller owns it
     */
    LabelingModel load(Path checkpoint, String version, String device);
}
