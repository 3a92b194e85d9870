package medstream.trainer.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import medstream.lm.checkpoint.Checkpoint;
import medstream.lm.model.CausalLm;
import medstream.lm.model.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionStoreTest {

    @Test
    void givenTheNewestVersionDamaged_whenLatestValid_thenThePreviousIsReturnedAndTheDamageReported(@TempDir Path root)
            throws Exception {
        VersionStore store = new VersionStore(root, 2);
        writeVersion(store);
        Path newest = writeVersion(store);
        damage(newest);

        assertThat(store.latestValid()).hasValueSatisfying(c -> assertThat(c.version()).isEqualTo("s2-v0001"));
        assertThat(store.skipped()).singleElement().asString().startsWith("s2-v0002: ").contains(Checkpoint.PARAMETERS);
        assertThat(store.nextVersionDir().getFileName()).hasToString("s2-v0003");
    }

    @Test
    void givenEveryVersionDamaged_whenLatestValid_thenItRefusesToStartFromScratch(@TempDir Path root) throws Exception {
        VersionStore store = new VersionStore(root, 1);
        damage(writeVersion(store));
        damage(writeVersion(store));

        assertThatThrownBy(store::latestValid).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("all 2 checkpoints").hasMessageContaining("Refusing to start from scratch");
    }

    @Test
    void givenNoVersion_whenLatestValid_thenEmpty(@TempDir Path root) {
        assertThat(new VersionStore(root, 3).latestValid()).isEmpty();
        assertThat(new VersionStore(root, 3).nextVersionDir().getFileName()).hasToString("s3-v0001");
    }

    @Test
    void givenAnotherStageWritingACheckpoint_whenItsChildReadsTheStore_thenTheUnfinishedWriteIsLeftAlone(@TempDir Path root)
            throws Exception {
        VersionStore owner = new VersionStore(root, 1);
        writeVersion(owner);
        Path inProgress = Files.createDirectories(owner.dir().resolve(".s1-v0002.tmp-123"));

        assertThat(VersionStore.readOnly(root, 1).latestValid())
                .hasValueSatisfying(c -> assertThat(c.version()).isEqualTo("s1-v0001"));
        assertThat(inProgress).as("stage 1's write in progress, seen by stage 2").exists();

        owner.latestValid();
        assertThat(inProgress).as("an unfinished write found by its own stage on start").doesNotExist();
    }

    private static Path writeVersion(VersionStore store) throws Exception {
        try (CausalLm model = CausalLm.create(ModelConfig.tiny(61), Device.cpu())) {
            return Checkpoint.writer(model).writeTo(store.nextVersionDir()).dir();
        }
    }

    private static void damage(Path version) throws Exception {
        Files.write(version.resolve(Checkpoint.PARAMETERS), new byte[] {42}, StandardOpenOption.APPEND);
    }
}
