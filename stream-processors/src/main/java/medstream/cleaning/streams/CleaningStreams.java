package medstream.cleaning.streams;

import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

import medstream.cleaning.CleaningWork;
import medstream.cleaning.decon.ContaminationIndex;
import medstream.cleaning.dedup.MinHasher;
import medstream.contracts.CleanDocument;
import medstream.contracts.EvalItem;
import medstream.contracts.RawDocument;

/** Suppliers of the cleaning topology's processors; {@code CleaningTopology} only wires them. */
public final class CleaningStreams {

    private CleaningStreams() {
    }

    /** The stateless step: pipeline and decontamination. */
    public static FixedKeyProcessorSupplier<String, RawDocument, Staged> pipeline(CleaningWork work, String name) {
        return () -> new CleanStepProcessor(work, name);
    }

    /**
     * Exact and near-duplicate detection over the two named stores (the band index is rebuilt in memory), with
     * signatures from {@code work} and bands from {@code hasher}.
     */
    public static FixedKeyProcessorSupplier<String, CleanDocument, Staged> dedup(MinHasher hasher, CleaningWork work,
                                                                                 String name, String hashStore,
                                                                                 String signatureStore) {
        return () -> new DedupProcessor(hasher, work, name, hashStore, signatureStore);
    }

    /** The processor of the global evaluation-item store. */
    public static ProcessorSupplier<String, EvalItem, Void, Void> evalItemsUpdater(ContaminationIndex index,
                                                                                   String storeName) {
        return () -> new EvalItemsUpdater(index, storeName);
    }
}
