package medstream.knowledge.streams;

import medstream.contracts.CleanDocument;
import medstream.knowledge.corpus.Chunker;
import medstream.topics.TopicCatalog;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import medstream.contracts.CorpusText;

/** clean.documents -> stage1.corpus chunks of the configured token budget, keyed {@code doc-chunk:<docId>#<i>}. */
public final class CorpusChunkTopology {
    private CorpusChunkTopology() { }

    /** The chunking app alone. */
    public static Topology buildTopology(TopicCatalog catalog, KnowledgeConfig config) {
        KnowledgeBuilder kb = new KnowledgeBuilder(catalog);
        addTo(kb, config);
        return kb.build();
    }

    /** Adds the chunking piece to a shared builder. */
    public static void addTo(KnowledgeBuilder kb, KnowledgeConfig config) {
        Chunker chunker = new Chunker(config.chunkTokens());
        KStream<String, CleanDocument> docs = kb.source(kb.catalog().cleanDocuments(), "chunk-source");
        KStream<String, CorpusText> chunks = docs.flatMap(
                (k, doc) -> chunker.chunk(doc).stream().map(c -> KeyValue.pair(c.getId(), c)).toList(), Named.as("chunk-split"));
        kb.guard(chunks, "chunk-stage1", kb.catalog().stage1Corpus(), CorpusText::getText);
    }
}
