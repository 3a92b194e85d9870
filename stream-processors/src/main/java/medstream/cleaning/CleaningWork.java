package medstream.cleaning;

import java.util.Optional;

import medstream.cleaning.decon.ContaminationIndex;
import medstream.cleaning.dedup.MinHasher;
import medstream.contracts.CleanDocument;
import medstream.contracts.RawDocument;

/**
 * The text work of the cleaning topology's two processors, apart from the Kafka and state-store work around it:
 * what a raw document becomes (the {@link CleaningPipeline} then decontamination), and a clean document's MinHash
 * signature for near-dedup. {@link #of} is the real work; the benchmark wires a work that does no text processing
 * into the same topology to measure what the topology's shape (repartition, stores, changelogs, exactly-once)
 * costs on its own. Implementations are thread-safe: every pipeline task shares one.
 */
public interface CleaningWork {

    /**
     * Cleans a raw document: the pipeline's outcome, or a {@code CONTAMINATED} rejection when the clean text
     * overlaps an evaluation item.
     *
     * @param raw a non-null raw document
     * @return the clean text with its signals, or the first rejection
     */
    CleaningOutcome clean(RawDocument raw);

    /**
     * The document's MinHash signature ({@code permutations} values), for near-dedup.
     *
     * @param document a document that passed {@link #clean}
     * @return the signature
     */
    long[] signature(CleanDocument document);

    /**
     * The real work.
     *
     * @param pipeline      the stateless steps
     * @param contamination the evaluation index the topology's global store keeps up to date
     * @param hasher        MinHash with the dedup configuration
     * @return pipeline, decontamination and MinHash over the text
     */
    static CleaningWork of(CleaningPipeline pipeline, ContaminationIndex contamination, MinHasher hasher) {
        int minOverlaps = pipeline.config().decontamination().minOverlaps();
        return new CleaningWork() {
            @Override
            public CleaningOutcome clean(RawDocument raw) {
                CleaningOutcome outcome = pipeline.clean(raw.getBody(), raw.getLanguage(), raw.getId());
                if (!(outcome instanceof CleaningOutcome.Cleaned cleaned)) {
                    return outcome;
                }
                Optional<ContaminationIndex.Overlap> overlap = contamination.findOverlap(cleaned.text(),
                        cleaned.language());
                return overlap.<CleaningOutcome>map(o -> new CleaningOutcome.Rejected(new Rejection(
                        ReasonCode.CONTAMINATED, "decontamination", (double) o.sharedNgrams(), (double) minOverlaps,
                        o.itemId()))).orElse(outcome);
            }

            @Override
            public long[] signature(CleanDocument document) {
                return hasher.signature(document.getText(), "zh".equals(document.getLanguage()));
            }
        };
    }
}
