package medstream.labeler.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import medstream.contracts.Decision;
import medstream.contracts.EvalItem;
import medstream.contracts.LabelRequest;
import medstream.contracts.LabelResult;
import medstream.contracts.Option;
import medstream.labeler.LabelerConfig;
import medstream.labeler.calibration.Calibration;
import medstream.labeler.calibration.CalibrationConfig;
import medstream.labeler.core.ReasonCodes;
import medstream.labeler.model.ModelLoader;
import medstream.labeler.testing.BrokerTopics;
import medstream.labeler.testing.LexicalCueTestModel;
import medstream.labeler.testing.Requests;
import medstream.topics.config.Settings;
import medstream.topics.testing.EmbeddedKafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The service calibrates each model version on the labeled PubMedQA dev items it reads from {@code eval.items} on a
 * real broker, and routes by what the version earned: the cue test model is right on every calibration item whose gold
 * label agrees with its context cue, and wrong on every one whose gold label does not.
 */
class CalibratedLabelerServiceIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String[] LABELS = {"yes", "no", "maybe"};
    private static final ModelLoader LOADER = (dir, version, device) ->
            new LexicalCueTestModel(version != null ? version : dir.getFileName().toString(), device, 4096);
    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

    private static LabelerConfig config() {
        return LabelerConfig.of(Map.of("medstream.labeler.strategy", "ppl", "medstream.labeler.batch-size", "4",
                "medstream.labeler.max-wait-ms", "50", "medstream.labeler.devices", "cpu", "medstream.labeler.instance-id", "cal",
                "medstream.labeler.model-dir", "/models/s3-v1"));
    }

    /** 30 dev items whose contexts carry cue i % 3; gold is the cue, or the next label when {@code goldAgrees} is false. */
    private static Map<String, EvalItem> devItems(boolean goldAgrees) {
        Map<String, EvalItem> items = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            LabelRequest cue = Requests.withCue("x", LABELS[i % 3]);
            String id = "pubmedqa:" + (1000 + i);
            items.put(id, EvalItem.newBuilder().setId(id).setBenchmark("pubmedqa").setSplit("dev")
                    .setQuestion(cue.getQuestion()).setContext(cue.getContexts().get(0))
                    .setOptions(List.of(new Option("yes", "yes"), new Option("no", "no"), new Option("maybe", "maybe")))
                    .setAnswer(goldAgrees ? LABELS[i % 3] : LABELS[(i + 1) % 3]).build());
        }
        // A test item without a label must be ignored, not count as wrong.
        items.put("pubmedqa:9999", EvalItem.newBuilder().setId("pubmedqa:9999").setBenchmark("pubmedqa").setSplit("test")
                .setQuestion("Q?").setContext("C").setOptions(List.of(new Option("yes", "yes"))).build());
        return items;
    }

    private static Map<String, LabelRequest> requests() {
        Map<String, LabelRequest> m = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) m.put("r" + i, Requests.withCue("r" + i, LABELS[i % 3]));
        return m;
    }

    private static List<LabelResult> run(BrokerTopics topics, CalibrationConfig calibration, Map<String, Calibration> seen) {
        try (LabelerService s = new LabelerService(config(), calibration, topics.catalog(), topics.bootstrap(), LOADER)) {
            s.start();
            topics.write(topics.catalog().labelRequests(), requests());
            await().atMost(WAIT).until(() -> s.stats().committedRecords() >= 12);
            seen.putAll(s.calibrations().all());
        }
        return topics.readAll(topics.catalog().labelResults(), "read_committed");
    }

    @Test
    void givenAVersionRightOnTheDevItems_whenTheServiceStarts_thenItIsCalibratedFromEvalItemsAndItsLabelsAreAccepted() {
        BrokerTopics topics = new BrokerTopics(kafka);
        topics.write(topics.catalog().evalItems(), devItems(true));
        Map<String, Calibration> seen = new HashMap<>();

        List<LabelResult> results = run(topics, CalibrationConfig.from(Settings.of(Map.of())), seen);

        Calibration c = seen.get("s3-v1");
        assertThat(c.reached()).isTrue();
        assertThat(c.items()).isEqualTo(30);
        assertThat(c.benchmark()).isEqualTo("pubmedqa/dev");
        assertThat(results).hasSize(12).allSatisfy(r -> assertThat(r.getDecision()).isEqualTo(Decision.ACCEPT));
        assertThat(topics.readAll(topics.catalog().labelReview(), "read_committed")).isEmpty();
    }

    @Test
    void givenAVersionWrongOnTheDevItems_whenTheServiceStarts_thenEveryLabelGoesToReviewNamingTheCalibration() {
        BrokerTopics topics = new BrokerTopics(kafka);
        topics.write(topics.catalog().evalItems(), devItems(false));
        Map<String, Calibration> seen = new HashMap<>();

        List<LabelResult> results = run(topics, CalibrationConfig.from(Settings.of(Map.of())), seen);

        assertThat(seen.get("s3-v1").reached()).isFalse();
        assertThat(seen.get("s3-v1").overallAccuracy()).isZero();
        assertThat(results).hasSize(12).allSatisfy(r -> {
            assertThat(r.getDecision()).isEqualTo(Decision.REVIEW);
            assertThat(r.getReason()).contains(ReasonCodes.UNCALIBRATED + "(s3-v1:");
        });
        assertThat(topics.readAll(topics.catalog().labelReview(), "read_committed")).hasSize(12);
    }

    @Test
    void givenCalibrationOff_whenTheServiceRuns_thenTheFixedThresholdRoutesWhateverTheDevItemsSay() {
        BrokerTopics topics = new BrokerTopics(kafka);
        topics.write(topics.catalog().evalItems(), devItems(false));
        Map<String, Calibration> seen = new HashMap<>();

        List<LabelResult> results = run(topics, CalibrationConfig.disabled(), seen);

        assertThat(seen).isEmpty();
        assertThat(results).hasSize(12).allSatisfy(r -> assertThat(r.getDecision()).isEqualTo(Decision.ACCEPT));
    }
}
