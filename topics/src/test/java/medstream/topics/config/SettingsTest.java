package medstream.topics.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a setting's value comes from: override > system property > environment > file > default. */
class SettingsTest {
    // A key of its own per test run, so the system property this test sets cannot leak into other tests.
    private final String key = "medstream.test-" + UUID.randomUUID().toString().substring(0, 8) + ".batch-size";
    private final Setting<Integer> batchSize = Setting.integer(key, 8, "labeler batch size (records per call)");

    @BeforeEach
    @AfterEach
    void clearSystemProperty() { System.clearProperty(key); }

    @Test
    void givenAValueAtEveryLevel_whenResolved_thenEachLevelWinsOverTheOnesBelowIt() {
        Properties file = new Properties();
        file.setProperty(key, "16");
        Map<String, String> env = Map.of(batchSize.envName(), "32");

        assertThat(Settings.of(new Properties(), Map.of()).get(batchSize)).as("default").isEqualTo(8);
        assertThat(Settings.of(file, Map.of()).get(batchSize)).as("file over default").isEqualTo(16);
        assertThat(Settings.of(file, env).get(batchSize)).as("env over file").isEqualTo(32);
        System.setProperty(key, "64");
        assertThat(Settings.of(file, env).get(batchSize)).as("system property over env").isEqualTo(64);
        assertThat(Settings.of(file, env).override(batchSize, 128).get(batchSize)).as("override over all").isEqualTo(128);
    }

    @Test
    void givenANullOverride_whenResolved_thenTheNextLevelStillApplies() {
        // A command-line flag that was not given arrives as null and must not hide the environment.
        Settings settings = Settings.of(new Properties(), Map.of(batchSize.envName(), "32")).override(batchSize, null);

        assertThat(settings.get(batchSize)).isEqualTo(32);
    }

    @Test
    void givenACommandFallback_whenResolved_thenItReplacesOnlyTheDefaultAndEverySourceStillWinsOverIt() {
        Properties file = new Properties();
        file.setProperty(key, "16");

        assertThat(Settings.of(new Properties(), Map.of()).fallback(batchSize, 4).get(batchSize)).as("fallback over default").isEqualTo(4);
        assertThat(Settings.of(file, Map.of()).fallback(batchSize, 4).get(batchSize)).as("file over fallback").isEqualTo(16);
        assertThat(Settings.of(new Properties(), Map.of()).fallback(batchSize, 4).override(batchSize, 2).get(batchSize))
                .as("override over fallback").isEqualTo(2);
    }

    @Test
    void givenADottedDashedKey_whenNamingItsEnvironmentVariable_thenUpperCaseWithUnderscores() {
        Setting<String> url = Setting.string("medstream.schema-registry.url", "mock://local", "registry URL");

        assertThat(url.envName()).isEqualTo("MEDSTREAM_SCHEMA_REGISTRY_URL");
    }

    @Test
    void givenAPropertiesFile_whenLoaded_thenItsValuesApplyInUtf8() throws IOException {
        Setting<String> greeting = Setting.string("medstream.test.greeting", "hi", "a UTF-8 value");
        Path file = tmp.resolve("medstream.properties");
        Files.writeString(file, key + " = 24\nmedstream.test.greeting = 你好\n", StandardCharsets.UTF_8);

        Settings settings = Settings.load(file);

        assertThat(settings.get(batchSize)).isEqualTo(24);
        assertThat(settings.get(greeting)).isEqualTo("你好");
    }

    @TempDir
    Path tmp;

    @Test
    void givenAMissingPropertiesFile_whenLoaded_thenTheErrorNamesTheFile() {
        Path missing = tmp.resolve("nope.properties");

        assertThatThrownBy(() -> Settings.load(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void givenAnInvalidNumber_whenResolved_thenTheErrorNamesTheKeyTheValueAndWhatItIs() {
        Settings settings = Settings.of(new Properties(), Map.of(batchSize.envName(), "eight"));

        assertThatThrownBy(() -> settings.get(batchSize)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key).hasMessageContaining("'eight'").hasMessageContaining("labeler batch size");
    }

    @Test
    void givenAnInvalidBoolean_whenResolved_thenAnErrorNotASilentFalse() {
        Setting<Boolean> exactlyOnce = Setting.bool("medstream.test.exactly-once", true, "use exactly_once_v2");

        assertThat(Settings.of(Map.of("medstream.test.exactly-once", "FALSE")).get(exactlyOnce)).isFalse();
        assertThat(Settings.of(Map.of("medstream.test.exactly-once", " true ")).get(exactlyOnce)).isTrue();
        assertThatThrownBy(() -> Settings.of(Map.of("medstream.test.exactly-once", "yes")).get(exactlyOnce))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("medstream.test.exactly-once").hasMessageContaining("'yes'");
    }

    @Test
    void givenASecret_whenPrintingTheEffectiveConfig_thenItIsMaskedAndTheRestShowsItsValue() {
        Setting<String> token = Setting.secret("medstream.test.token", null, "API token");
        Settings settings = Settings.of(Map.of("medstream.test.token", "s3cr3t", key, "4"));

        Map<String, String> effective = settings.effective(List.of(token, batchSize));

        assertThat(effective).containsExactly(Map.entry("medstream.test.token", "****"), Map.entry(key, "4"));
        assertThat(effective.toString()).doesNotContain("s3cr3t");
        assertThat(Settings.of(Map.of()).effective(List.of(token))).containsEntry("medstream.test.token", Settings.NOT_SET);
    }
}
