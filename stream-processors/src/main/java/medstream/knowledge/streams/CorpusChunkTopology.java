package medstream.knowledge.streams;

import medstream.contracts.CleanDocument;
import medstream.knowledge.corpus.Chunker;
import medstream.topics.TopicCatalog;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/** clean.documents -> stage1.corpus chunks of the configured token budget, keyed {@code doc-chunk:<docId>#<i>}. */
public final class CorpusChunkTopology {
    private CorpusChunkTopology() { }

    /** The chunking app alone. */
    public static Topology buildTopology(TopicCatalog catalog, KnowledgeConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        addTo(builder, catalog, config);
        return builder.build();
    }

    /** Adds the chunking piece to a shared builder. */
    public static void addTo(StreamsBuilder builder, TopicCatalog catalog, KnowledgeConfig config) {
        Chunker chunker = new Chunker(config.chunkTokens());
        var out = catalog.stage1Corpus();
        KStream<String, CleanDocument> docs = Wiring.source(builder, catalog.cleanDocuments(), "chunk-source");
        docs.flatMap((k, doc) -> chunker.chunk(doc).stream().map(c -> KeyValue.pair(c.getId(), c)).toList(),
                        Named.as("chunk-split"))
                .to(out.name(), Produced.with(out.keySerde(), out.valueSerde()).withName("chunk-stage1-sink"));
    }
}
