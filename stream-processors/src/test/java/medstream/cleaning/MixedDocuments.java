package medstream.cleaning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import medstream.contracts.RawDocument;

/**
 * Realistic documents for the golden tests, from {@link SharedData}: each joins three paragraphs drawn (with a fixed
 * seed) from one language's pool, four English (PQA-L and PQA-A contexts, Disease Ontology definitions) to one
 * Chinese (BenTsao answers, CMB-Clin cases). The golden files were recorded on these documents, which the cleaning
 * benchmark's corpus also makes; the benchmark keeps its own copy (experiments module) so that a change to what it
 * measures on cannot move a golden file.
 */
public final class MixedDocuments {

    private MixedDocuments() {
    }

    /**
     * Builds documents.
     *
     * @param count how many
     * @param seed  the same seed gives the same documents
     * @return documents with ids {@code bench:<i>}, as the golden files name them
     */
    public static List<RawDocument> of(int count, long seed) {
        List<String> english = Stream.of(SharedData.pubmedQaContexts(), SharedData.pqaaContexts(),
                SharedData.diseaseOntologyDefinitions()).flatMap(List::stream).toList();
        List<String> chinese = Stream.of(SharedData.benTsaoAnswers(), SharedData.cmbClinCases())
                .flatMap(List::stream).toList();
        SplittableRandom random = new SplittableRandom(seed);
        List<RawDocument> docs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<String> pool = i % 5 == 4 ? chinese : english;
            String body = String.join("\n", pool.get(random.nextInt(pool.size())),
                    pool.get(random.nextInt(pool.size())), pool.get(random.nextInt(pool.size())));
            docs.add(RawDocument.newBuilder().setId("bench:" + i).setSource("bench").setKind("TEXT").setBody(body)
                    .setIngestedAt(Instant.ofEpochMilli(0)).build());
        }
        return docs;
    }
}
