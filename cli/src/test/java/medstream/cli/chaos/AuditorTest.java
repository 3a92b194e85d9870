package medstream.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import medstream.contracts.CleanReject;
import medstream.contracts.DeadLetter;
import medstream.contracts.Decision;
import medstream.contracts.Lineage;
import medstream.contracts.LabelResult;
import medstream.contracts.ModelVersion;
import medstream.contracts.OffsetRange;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import org.junit.jupiter.api.Test;

/** The audit rules on hand-made records: each kind of loss and duplicate is found, and a clean run passes. */
class AuditorTest {
    private final TopicCatalog catalog = TopicCatalog.withRegistry("mock://auditor-test");
    private final Map<String, List<AuditRecord>> records = new HashMap<>();
    private final Map<Integer, List<AuditInput.CheckpointInfo>> checkpoints = new HashMap<>();
    private Map<String, Set<String>> baseline = Map.of();

    @Test
    void givenEveryRawDocumentKeptRejectedOrDeadLettered_whenAudited_thenCleaningLostAndDuplicatedNothing() {
        raw("doc-1", "doc-2", "doc-3");
        add(catalog.cleanDocuments(), "doc-1", "c1", null);
        add(catalog.cleanRejects(), "doc-2", "r2", reject("doc-2"));
        add(catalog.dlq(), "doc-3", "d3", deadLetter("medstream-cleaning", "doc-3"));

        ServiceAudit cleaning = Auditor.cleaning(input());

        assertThat(cleaning.inputs()).isEqualTo(3);
        assertThat(cleaning.outputs()).isEqualTo(1);
        assertThat(cleaning.rejects()).isEqualTo(1);
        assertThat(cleaning.deadLetters()).isEqualTo(1);
        assertThat(cleaning.lost()).isZero();
        assertThat(cleaning.duplicated()).isZero();
    }

    @Test
    void givenARawDocumentWithNoOutputRejectOrDeadLetter_whenAudited_thenItIsLostAndNamed() {
        raw("doc-1", "doc-2");
        add(catalog.cleanDocuments(), "doc-1", "c1", null);
        add(catalog.dlq(), "doc-2", "d2", deadLetter("medstream-knowledge", "doc-2")); // another service's dead letter

        ServiceAudit cleaning = Auditor.cleaning(input());

        assertThat(cleaning.lost()).isEqualTo(1);
        assertThat(cleaning.lostSamples()).containsExactly("doc-2");
    }

    @Test
    void givenACleanDocumentWrittenTwiceWithDifferentContent_whenAudited_thenItIsDuplicated_butTheSameRecordReadTwiceIsNot() {
        raw("doc-1", "doc-2");
        add(catalog.cleanDocuments(), "doc-1", "first", null);
        add(catalog.cleanDocuments(), "doc-1", "second", null);
        add(catalog.cleanDocuments(), "doc-2", "same", null);
        add(catalog.cleanDocuments(), "doc-2", "same", null);

        ServiceAudit cleaning = Auditor.cleaning(input());

        assertThat(cleaning.duplicated()).isEqualTo(1);
        assertThat(cleaning.duplicatedSamples()).containsExactly("doc-1");
    }

    @Test
    void givenTwoLabelsOfOneRequestByTheSameModelVersion_whenAudited_thenOneIsDuplicated_andAnUnlabeledRequestIsLost() {
        add(catalog.labelRequests(), "q1", "a", null);
        add(catalog.labelRequests(), "q2", "b", null);
        add(catalog.labelRequests(), "q3", "c", null);
        add(catalog.labelResults(), "q1", "l1", label("q1", "s1-v0001"));
        add(catalog.labelResults(), "q1", "l2", label("q1", "s1-v0001"));
        add(catalog.labelResults(), "q2", "l3", label("q2", "s1-v0001"));
        add(catalog.labelResults(), "q2", "l4", label("q2", "s1-v0002")); // a newer model may label it again

        ServiceAudit labeler = Auditor.labeler(input());

        assertThat(labeler.duplicated()).isEqualTo(1);
        assertThat(labeler.duplicatedSamples()).containsExactly("q1 @ s1-v0001");
        assertThat(labeler.lost()).isEqualTo(1);
        assertThat(labeler.lostSamples()).containsExactly("q3");
    }

    @Test
    void givenContiguousVersionRanges_whenAudited_thenEveryStageRecordIsTrainedOnce_andTheCheckpointResumesAtTheirEnd() {
        stageRecords(0, 6);
        version("s1-v0001", 0, 3);
        version("s1-v0002", 3, 6);
        checkpoint("s1-v0002", 6);

        ServiceAudit trainer = TrainerAudit.audit(input());

        assertThat(trainer.inputs()).isEqualTo(6);
        assertThat(trainer.outputs()).isEqualTo(6);
        assertThat(trainer.lost()).isZero();
        assertThat(trainer.duplicated()).isZero();
        assertThat((List<?>) trainer.details().get("checkpoint_mismatches")).isEmpty();
    }

    @Test
    void givenOverlappingRangesAndAGap_whenAudited_thenTheOverlapIsDuplicated_andTheGapLost() {
        stageRecords(0, 10);
        version("s1-v0001", 0, 4);
        version("s1-v0002", 2, 5); // offsets 2 and 3 trained again
        version("s1-v0003", 7, 10); // offsets 5 and 6 never trained
        checkpoint("s1-v0003", 10);

        ServiceAudit trainer = TrainerAudit.audit(input());

        assertThat(trainer.duplicated()).isEqualTo(2);
        assertThat(trainer.lost()).isEqualTo(2);
        assertThat(trainer.lostSamples()).hasSize(2).allMatch(s -> s.contains("@5 ") || s.contains("@6 "));
    }

    @Test
    void givenACheckpointThatResumesBeyondThePublishedRanges_whenAudited_thenItIsAMismatch() {
        stageRecords(0, 4);
        version("s1-v0001", 0, 3);
        checkpoint("s1-v0001", 4);

        ServiceAudit trainer = TrainerAudit.audit(input());

        assertThat((List<?>) trainer.details().get("checkpoint_mismatches")).hasSize(1);
        assertThat(trainer.lost()).isEqualTo(1); // offset 3: below where it resumes, in no range
    }

    @Test
    void givenAVersionOnDiskThatWasNeverPublished_whenAudited_thenItIsListed_andItsRangeStartsWhereThePreviousVersionEnded() {
        stageRecords(0, 6);
        version("s1-v0001", 0, 3);
        checkpoint("s1-v0001", 3);
        // killed between writing s1-v0002 and publishing it; its parent is another stage's version after a rebase
        checkpoints.get(1).add(new AuditInput.CheckpointInfo("s1-v0002", "s0-v0009", Map.of(catalog.stage1Corpus().name() + "-0", 6L)));

        ServiceAudit trainer = TrainerAudit.audit(input());

        assertThat(trainer.details().get("unpublished")).isEqualTo(List.of("s1-v0002"));
        assertThat(trainer.duplicated()).isZero();
        assertThat(trainer.lost()).isZero();
        assertThat(trainer.outputs()).isEqualTo(6);
    }

    @Test
    void givenAKeyTheZeroKillRunWroteAndThisRunDidNot_whenAudited_thenKnowledgeLostIt() {
        add(catalog.evalItems(), "eval:1", "e1", null);
        baseline = Map.of(catalog.evalItems().name(), Set.of("eval:1", "eval:2"));

        ServiceAudit knowledge = Auditor.knowledge(input());

        assertThat(knowledge.lost()).isEqualTo(1);
        assertThat(knowledge.lostSamples()).containsExactly(catalog.evalItems().name() + "/eval:2");
    }

    private AuditInput input() {
        return new AuditInput(catalog, records, checkpoints, baseline);
    }

    private void raw(String... keys) {
        for (String k : keys) add(catalog.rawDocuments(), k, "raw-" + k, null);
    }

    private void add(Topic<String, ?> topic, String key, String content, Object value) {
        List<AuditRecord> list = records.computeIfAbsent(topic.name(), t -> new ArrayList<>());
        list.add(new AuditRecord(0, list.size(), key, content, value));
    }

    private void stageRecords(int from, int to) {
        for (int o = from; o < to; o++) {
            records.computeIfAbsent(catalog.stage1Corpus().name(), t -> new ArrayList<>()).add(new AuditRecord(0, o, "c" + o, "x" + o, null));
        }
    }

    private void version(String version, long from, long to) {
        ModelVersion v = ModelVersion.newBuilder().setStage(1).setVersion(version).setParent(null).setCheckpoint("/ckpt/" + version)
                .setOffsetRanges(List.of(new OffsetRange(catalog.stage1Corpus().name(), 0, from, to))).setTokensSeen(0)
                .setMetrics(Map.of()).setCreatedAt(Instant.EPOCH).build();
        add(catalog.modelVersions(), version, version, v);
    }

    private void checkpoint(String version, long next) {
        checkpoints.computeIfAbsent(1, s -> new ArrayList<>())
                .add(new AuditInput.CheckpointInfo(version, null, Map.of(catalog.stage1Corpus().name() + "-0", next)));
    }

    private static CleanReject reject(String id) {
        return CleanReject.newBuilder().setDocumentId(id).setReasonCode("EMPTY").setFilterName("empty").setMeasuredValue(null)
                .setThreshold(null).setDetail(null).setSource("test").setLineage(new Lineage(id, "raw", 0, 0L)).build();
    }

    private static DeadLetter deadLetter(String service, String key) {
        return DeadLetter.newBuilder().setInputKey(ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8))).setInputValue(null)
                .setTopic("raw").setPartition(0).setOffset(0).setErrorClass("X").setDescription("test").setStackTrace(null)
                .setTimestamp(Instant.EPOCH).setService(service).build();
    }

    private static LabelResult label(String request, String version) {
        return LabelResult.newBuilder().setRequestId(request).setLabel("yes").setConfidence(0.9).setDecision(Decision.ACCEPT)
                .setStrategy("voc").setOptionScores(Map.of()).setExplanations(List.of()).setPromptTemplateHash("h")
                .setModelVersion(version).setReason(null).setDevice("cpu").setLabeledAt(Instant.EPOCH).build();
    }
}
