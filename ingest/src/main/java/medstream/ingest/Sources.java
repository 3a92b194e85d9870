package medstream.ingest;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import medstream.ingest.sources.CmbClinAdapter;
import medstream.ingest.sources.DiseaseOntologyAdapter;
import medstream.ingest.sources.GenericAdapter;
import medstream.ingest.sources.HetionetAdapter;
import medstream.ingest.sources.HuatuoAdapter;
import medstream.ingest.sources.JsonlExamAdapter;
import medstream.ingest.sources.KbertSpoAdapter;
import medstream.ingest.sources.MedQuadAdapter;
import medstream.ingest.sources.MmluAdapter;
import medstream.ingest.sources.PubMedQaArtificialAdapter;
import medstream.ingest.sources.PubMedQaLabeledAdapter;

/**
 * The registry of source names -> adapters. Every shared data set's adapter is named after its folder in
 * {@code ../shared/data}, so {@code ingestAll} finds each one at {@code <data>/<name>}; {@value GenericAdapter#NAME}
 * is for anything else. A new instance per use: nothing here is shared mutable state.
 */
public final class Sources {
    private final Map<String, SourceAdapter> adapters = new LinkedHashMap<>();

    private Sources(Clock clock) {
        for (SourceAdapter a : List.of(
                new PubMedQaLabeledAdapter(),
                new PubMedQaArtificialAdapter(clock),
                JsonlExamAdapter.medQa(),
                JsonlExamAdapter.medMcqa(),
                new MmluAdapter(),
                new MedQuadAdapter(),
                new HetionetAdapter(),
                new DiseaseOntologyAdapter(clock),
                new KbertSpoAdapter(),
                new HuatuoAdapter(),
                new CmbClinAdapter(),
                new GenericAdapter(clock))) {
            adapters.put(a.name(), a);
        }
    }

    /** Every adapter, stamping documents with the system clock. */
    public static Sources defaults() {
        return new Sources(Clock.systemUTC());
    }

    /** Every adapter, stamping documents with {@code clock} (tests). */
    public static Sources withClock(Clock clock) {
        return new Sources(clock);
    }

    /** The adapter for a source name, if any. */
    public Optional<SourceAdapter> find(String name) {
        return Optional.ofNullable(adapters.get(name));
    }

    /**
     * The adapter for a source name.
     *
     * @throws IllegalArgumentException naming the known sources
     */
    public SourceAdapter get(String name) {
        SourceAdapter a = adapters.get(name);
        if (a == null) {
            throw new IllegalArgumentException("Unknown source '" + name + "'; known sources: "
                    + String.join(", ", adapters.keySet()));
        }
        return a;
    }

    /** Every source name, in ingestion order. */
    public List<String> names() {
        return List.copyOf(adapters.keySet());
    }

    /** Every adapter, in ingestion order. */
    public List<SourceAdapter> all() {
        return List.copyOf(adapters.values());
    }

    /** The names of the shared data sets (every source but {@value GenericAdapter#NAME}), in ingestion order. */
    public List<String> sharedDataSets() {
        return adapters.keySet().stream().filter(n -> !n.equals(GenericAdapter.NAME)).toList();
    }
}
