package medstream.cli.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import medstream.cli.map.TopicMap.Arrow;
import medstream.cli.map.TopicMap.Direction;
import org.junit.jupiter.api.Test;

class ArchitectureDocTest {

    private static final TopicMap MAP = ArchitectureDoc.defaultMap();

    @Test
    void givenTheCode_whenTheArchitectureDocIsRegenerated_thenTheCommittedDocIsUnchanged() throws Exception {
        Path doc = repositoryRoot().resolve("docs/ARCHITECTURE.md");
        String committed = Files.readString(doc, StandardCharsets.UTF_8);
        String regenerated = ArchitectureDoc.splice(committed, ArchitectureDoc.generate(MAP));
        if (Boolean.getBoolean("medstream.architecture.write")) {
            Files.writeString(doc, regenerated, StandardCharsets.UTF_8);
            committed = regenerated;
        }
        assertEquals(regenerated, committed, "docs/ARCHITECTURE.md no longer matches the code's topics; regenerate it "
                + "with: " + ArchitectureDoc.REGENERATE);
    }

    @Test
    void givenTheCleaningTopology_whenMapped_thenItsSourcesSinksAndHandlersAreArrowsWithTheirTypes() {
        assertThat(arrow("cleaning", Direction.READS, "raw.documents").via()).containsExactly("clean-source-raw-documents");
        assertThat(arrow("cleaning", Direction.READS, "eval.items").via()).containsExactly("clean-source-eval-items-source");
        assertThat(arrow("cleaning", Direction.WRITES, "clean.rejects").via())
                .containsExactly("clean-sink-dedup-rejects", "clean-sink-pipeline-rejects");
        assertThat(arrow("cleaning", Direction.WRITES, "dlq").via()).containsExactly("exception handlers");
        assertThat(arrow("cleaning", Direction.WRITES, "clean.documents").topic().valueType().getSimpleName())
                .isEqualTo("CleanDocument");
    }

    @Test
    void givenTheDedupRepartitionTopic_whenMapped_thenNoArrowNamesATopicOutsideTheCatalog() {
        assertThat(MAP.arrows()).allSatisfy(a -> assertThat(MAP.catalog().byName(a.topic().name())).isPresent());
        assertThat(MAP.arrows()).noneMatch(a -> a.topic().name().contains("repartition"));
    }

    @Test
    void givenThePlainApps_whenMapped_thenTheirContractsAreTheArrows() {
        assertThat(arrow("labeler", Direction.READS, "label.requests").via()).isEmpty();
        assertThat(arrow("labeler", Direction.WRITES, "label.review").topic().valueType().getSimpleName())
                .isEqualTo("LabelResult");
        assertThat(arrow("trainer stage 2", Direction.READS, "stage2.instructions")).isNotNull();
        assertThat(MAP.arrows()).noneMatch(a -> a.app().equals("ingest") && a.direction() == Direction.READS);
        assertThat(MAP.apps()).containsExactly("ingest", "cleaning", "knowledge", "labeler", "trainer stage 1",
                "trainer stage 2", "trainer stage 3");
    }

    @Test
    void givenADocWithMarkers_whenSpliced_thenOnlyTheTextBetweenThemIsReplaced() {
        String doc = "# Title\n" + ArchitectureDoc.BEGIN + "\nold\n" + ArchitectureDoc.END + "\n## Glossary\n";
        assertThat(ArchitectureDoc.splice(doc, "new\n"))
                .isEqualTo("# Title\n" + ArchitectureDoc.BEGIN + "\nnew\n" + ArchitectureDoc.END + "\n## Glossary\n");
        assertThatThrownBy(() -> ArchitectureDoc.splice("# no markers\n", "new\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("markers");
    }

    private static Arrow arrow(String app, Direction d, String logicalTopic) {
        List<Arrow> found = MAP.arrows().stream()
                .filter(a -> a.app().equals(app) && a.direction() == d && a.topic().logicalName().equals(logicalTopic))
                .toList();
        assertThat(found).as(app + " " + d + " " + logicalTopic).hasSize(1);
        return found.get(0);
    }

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("medstream")) && Files.isDirectory(p.resolve("docs"))) return p;
        }
        throw new IllegalStateException("no repository root (with ./medstream and docs/) above " + Path.of("").toAbsolutePath());
    }
}
