package medstream.knowledge.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import medstream.contracts.CorpusText;
import medstream.contracts.KgTriplet;
import medstream.knowledge.kg.SamplerConfig;
import medstream.knowledge.kg.Scale;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.processor.PunctuationType;
import org.junit.jupiter.api.Test;

class KgTextTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-25T03:00:00Z");
    private static final String METFORMIN_STAR = "kg-star:hetionet:Compound::DB00331";

    private static KgTriplet hetionet(String s, String sName, String sType, String rel, String o, String oName, String oType) {
        return KgTriplet.newBuilder().setSubject(s).setSubjectName(sName).setSubjectType(sType).setRelation(rel)
                .setObject(o).setObjectName(oName).setObjectType(oType).setSource("hetionet").setLanguage("en").build();
    }

    // Compound::DB00331 CtD Disease::DOID:9352 / DOID:11612 and Disease::DOID:9352 DpS Symptom::D005483 (edges sample)
    private static final KgTriplet METFORMIN_T2DM = hetionet("Compound::DB00331", "Metformin", "Compound", "CtD",
            "Disease::DOID:9352", "type 2 diabetes mellitus", "Disease");
    private static final KgTriplet METFORMIN_PCOS = hetionet("Compound::DB00331", "Metformin", "Compound", "CtD",
            "Disease::DOID:11612", "polycystic ovary syndrome", "Disease");
    private static final KgTriplet METFORMIN_NDUFB3 = hetionet("Compound::DB00331", "Metformin", "Compound", "CbG",
            "Gene::4709", "NDUFB3", "Gene");
    private static final KgTriplet T2DM_FLUSHING = hetionet("Disease::DOID:9352", "type 2 diabetes mellitus", "Disease",
            "DpS", "Symptom::D005483", "Flushing", "Symptom");
    private static final KgTriplet RABIES = KgTriplet.newBuilder().setSubject("小儿狂犬病").setSubjectName("小儿狂犬病")
            .setSubjectType("").setRelation("类别").setObject("疾病").setObjectName("疾病").setObjectType("")
            .setSource("kbert-medical-spo").setLanguage("zh").build();
    /** Far in the future: moves stream time past every inactivity window. */
    private static final KgTriplet CLOCK = hetionet("Compound::CLOCK", "clock", "Compound", "CtD", "Disease::CLOCK",
            "clock", "Disease");

    private static KnowledgeConfig streamTime(SamplerConfig sampler, int sizeCap) {
        return KnowledgeConfig.defaults().withSampler(sampler)
                .withKgTiming(Duration.ofSeconds(10), Duration.ofSeconds(1), PunctuationType.STREAM_TIME, sizeCap);
    }

    private static SamplerConfig starsOnly() {
        return SamplerConfig.defaults().withScales(EnumSet.of(Scale.STAR));
    }

    private static Map<String, String> texts(List<KeyValue<String, CorpusText>> records) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        withoutClock(records).forEach(kv -> m.put(kv.key, kv.value.getText()));
        return m;
    }

    /** The records about real entities: the clock triplets that advance stream time are emitted too. */
    private static List<KeyValue<String, CorpusText>> withoutClock(List<KeyValue<String, CorpusText>> records) {
        return records.stream().filter(kv -> !kv.key.contains("CLOCK")).toList();
    }

    @Test
    void givenTripletsOfOneEntity_whenQuietForTheInactivityWindow_thenOneStarParagraph() {
        try (DriverFixture f = new DriverFixture(KgTextTopology::buildTopology, streamTime(starsOnly(), 1000))) {
            TestInputTopic<String, KgTriplet> in = f.input(f.catalog.rawKgTriplets());

            in.pipeInput("e1", METFORMIN_T2DM, T0);
            in.pipeInput("e2", METFORMIN_NDUFB3, T0.plusSeconds(1));
            in.pipeInput("e3", METFORMIN_PCOS, T0.plusSeconds(2));
            assertThat(f.stage1.isEmpty()).as("nothing before the entity is quiet").isTrue();

            in.pipeInput("clock", CLOCK, T0.plusSeconds(60));

            Map<String, String> out = texts(f.stage1.readKeyValuesToList());
            assertThat(out).containsEntry(METFORMIN_STAR, "Metformin treats polycystic ovary syndrome and type 2 diabetes "
                    + "mellitus. It binds the protein encoded by NDUFB3.");
        }
    }

    @Test
    void givenLateTriplet_whenEmittedAgain_thenStarUpdatedUnderTheSameKey() {
        try (DriverFixture f = new DriverFixture(KgTextTopology::buildTopology, streamTime(starsOnly(), 1000))) {
            TestInputTopic<String, KgTriplet> in = f.input(f.catalog.rawKgTriplets());
            in.pipeInput("e1", METFORMIN_T2DM, T0);
            in.pipeInput("clock", CLOCK, T0.plusSeconds(60));
            Map<String, String> first = texts(f.stage1.readKeyValuesToList());

            in.pipeInput("late", METFORMIN_PCOS, T0.plusSeconds(70));
            in.pipeInput("clock", CLOCK, T0.plusSeconds(200));
            List<KeyValue<String, CorpusText>> second = withoutClock(f.stage1.readKeyValuesToList());

            assertThat(first).containsEntry(METFORMIN_STAR, "Metformin treats type 2 diabetes mellitus.");
            assertThat(second).extracting(kv -> kv.key).containsExactly(METFORMIN_STAR);
            assertThat(second.get(0).value.getText())
                    .isEqualTo("Metformin treats polycystic ovary syndrome and type 2 diabetes mellitus.");
            assertThat(second.get(0).value.getOriginIds()).hasSize(2);
        }
    }

    @Test
    void givenTripletsSentAgainAfterEmission_whenProcessed_thenNothingIsEmittedTwice() {
        SamplerConfig everything = SamplerConfig.defaults().withRates(1.0, 1.0, 1.0);
        try (DriverFixture f = new DriverFixture(KgTextTopology::buildTopology, streamTime(everything, 1000))) {
            TestInputTopic<String, KgTriplet> in = f.input(f.catalog.rawKgTriplets());
            List<KgTriplet> all = List.of(METFORMIN_T2DM, METFORMIN_PCOS, T2DM_FLUSHING, RABIES);
            all.forEach(t -> in.pipeInput("k", t, T0));
            in.pipeInput("clock", CLOCK, T0.plusSeconds(60));
            List<String> firstKeys = withoutClock(f.stage1.readKeyValuesToList()).stream().map(kv -> kv.key).toList();

            all.forEach(t -> in.pipeInput("again", t, T0.plusSeconds(100)));
            in.pipeInput("clock", CLOCK, T0.plusSeconds(300));

            assertThat(firstKeys).contains(METFORMIN_STAR, "kg-star:kbert-medical-spo:小儿狂犬病",
                    "kg-fact:hetionet:Compound::DB00331|CtD|Disease::DOID:9352");
            assertThat(firstKeys).anyMatch(k -> k.startsWith("kg-path:"));
            assertThat(firstKeys).doesNotHaveDuplicates();
            assertThat(withoutClock(f.stage1.readKeyValuesToList())).isEmpty();
        }
    }

    @Test
    void givenTwoHopChainAcrossEntities_whenEmitted_thenPathTextAtTheMiddleEntity() {
        SamplerConfig paths = SamplerConfig.defaults().withScales(EnumSet.of(Scale.PATH)).withRates(0, 0, 1.0);
        try (DriverFixture f = new DriverFixture(KgTextTopology::buildTopology, streamTime(paths, 1000))) {
            TestInputTopic<String, KgTriplet> in = f.input(f.catalog.rawKgTriplets());

            in.pipeInput("a", METFORMIN_T2DM, T0);
            in.pipeInput("b", T2DM_FLUSHING, T0);
            in.pipeInput("clock", CLOCK, T0.plusSeconds(60));

            assertThat(texts(f.stage1.readKeyValuesToList()).values())
                    .containsExactly("Metformin treats type 2 diabetes mellitus, which presents with flushing.");
        }
    }

    @Test
    void givenSizeCapReached_whenTripletArrives_thenEmittedAtOnceWithoutWaiting() {
        try (DriverFixture f = new DriverFixture(KgTextTopology::buildTopology, streamTime(starsOnly(), 2))) {
            TestInputTopic<String, KgTriplet> in = f.input(f.catalog.rawKgTriplets());

            in.pipeInput("e1", METFORMIN_T2DM, T0);
            assertThat(f.stage1.isEmpty()).isTrue();
            in.pipeInput("e2", METFORMIN_PCOS, T0.plusMillis(1));

            assertThat(texts(f.stage1.readKeyValuesToList())).containsOnlyKeys(METFORMIN_STAR);
        }
    }

    @Test
    void givenWallClockPunctuation_whenWallClockAdvances_thenQuietEntitiesEmitted() {
        KnowledgeConfig wall = KnowledgeConfig.defaults().withSampler(starsOnly())
                .withKgTiming(Duration.ofSeconds(5), Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, 1000);
        try (DriverFixture f = new DriverFixture(KgTextTopology::buildTopology, wall)) {
            TestInputTopic<String, KgTriplet> in = f.input(f.catalog.rawKgTriplets());

            in.pipeInput("z", RABIES, T0);
            f.driver.advanceWallClockTime(Duration.ofSeconds(2));
            assertThat(f.stage1.isEmpty()).isTrue();
            f.driver.advanceWallClockTime(Duration.ofSeconds(10));

            assertThat(f.stage1.readValuesToList()).extracting(CorpusText::getText).containsExactly("小儿狂犬病是一种疾病。");
        }
    }
}
