package medstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import medstream.contracts.CorpusText;
import medstream.contracts.EvalItem;
import medstream.topics.TopicCatalog;
import medstream.topics.testing.EmbeddedKafkaExtension;
import medstream.trainer.testing.SharedData;
import medstream.trainer.testing.TrainerFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default local run (small preset, default budgets) on topics filled from the shared data, to check that
 * all three stages fit the ~12-minute budget on 2 cores. Takes that long, so it runs only when asked:
 * {@code mvn -o -pl trainer-consumer verify -Dit.test=LocalRunSmallIT -Dmedstream.trainer.localSmall=true}.
 */
@EnabledIfSystemProperty(named = "medstream.trainer.localSmall", matches = "true")
class LocalRunSmallIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void givenSharedDataOnTheTopics_whenTheDefaultLocalRunTrains_thenAllThreeStagesFitTheBudget(@TempDir Path out)
            throws Exception {
        TopicCatalog catalog = KAFKA.newCatalog();
        KAFKA.provision(catalog);
        List<CorpusText> corpus = new ArrayList<>(SharedData.corpus(400));
        corpus.addAll(SharedData.pqaaPassages(500));
        // Chinese text too, as the real stage-1 corpus has (KG facts rewritten as text); more than the budget.
        SharedData.instructions(4000).subList(2000, 4000).forEach(i -> corpus.add(CorpusText.newBuilder()
                .setId("bentsao-text:" + i.getId()).setText(i.getInstruction() + "\n" + i.getOutput()).setLanguage("zh")
                .setSourceKind("QA").setSource("bentsao").setOriginIds(List.of(i.getId())).setApproxTokens(
                        i.getOutput().length()).build()));
        TrainerFixtures.produceRoundRobin(KAFKA, catalog.stage1Corpus(), corpus);
        TrainerFixtures.produceRoundRobin(KAFKA, catalog.stage2Instructions(), SharedData.instructions(2000));
        TrainerFixtures.produceRoundRobin(KAFKA, catalog.stage3Tasks(), SharedData.pubmedqaTasks(0, 400));
        Map<String, EvalItem> items = new LinkedHashMap<>();
        SharedData.evalItems(400, 100).forEach(i -> items.put(i.getId(), i));
        SharedData.medmcqa(100).forEach(i -> items.put(i.getId(), i));
        KAFKA.produce(catalog.evalItems(), items);

        TrainingReport report = StagedTraining.runLocal(StagedTraining.LocalRunParams.defaults(catalog,
                KAFKA.bootstrapServers(), out));

        report.writeJson(Path.of("target", "local-run-small.json"));
        System.out.println("LOCALRUN " + report.toMap());
        assertThat(report.stages()).allSatisfy(s -> assertThat(s.versions()).isPositive());
        assertThat(report.seconds()).isLessThan(13 * 60);
    }
}
