package medstream.experiments.bench.cleaning;

import java.util.Map;
import java.util.SplittableRandom;

import medstream.cleaning.CleaningOutcome;
import medstream.cleaning.CleaningWork;
import medstream.cleaning.dedup.Hashing;
import medstream.contracts.CleanDocument;
import medstream.contracts.RawDocument;

/**
 * Cleaning work that does no text processing, for the benchmark's {@code structure} run: the cleaning topology with
 * this work still reads, repartitions, looks up and writes both dedup stores (and their changelogs), builds the
 * band index and writes every output under exactly_once_v2, so its rate is the ceiling the topology's Kafka and
 * state-store work alone sets, whatever the text steps cost.
 *
 * <p>Every document is accepted with its raw body as text (the real clean text is a little shorter, the real
 * signals map a little longer: the records are of similar size), a content hash of its id (unique, so no exact
 * duplicates) and a signature drawn from its id (random values: two documents share a band with probability
 * ~2^-32 per band, so no near duplicates either, and every document is indexed as a clean one would be).
 */
final class StructureOnlyWork implements CleaningWork {

    private final int permutations;

    StructureOnlyWork(int permutations) {
        this.permutations = permutations;
    }

    @Override
    public CleaningOutcome clean(RawDocument raw) {
        String language = raw.getLanguage() == null ? "en" : raw.getLanguage();
        return new CleaningOutcome.Cleaned(raw.getBody(), language, Map.of(), Map.of(),
                Hashing.contentHash(raw.getId()));
    }

    @Override
    public long[] signature(CleanDocument document) {
        SplittableRandom random = new SplittableRandom(Hashing.filterKey(document.getId()));
        long[] signature = new long[permutations];
        for (int i = 0; i < permutations; i++) {
            signature[i] = random.nextLong();
        }
        return signature;
    }
}
