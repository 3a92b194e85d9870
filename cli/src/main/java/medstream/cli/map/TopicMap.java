package medstream.cli.map;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import medstream.cleaning.CleaningConfig;
import medstream.cleaning.CleaningTopology;
import medstream.ingest.RawTopics;
import medstream.knowledge.streams.KnowledgeApp;
import medstream.knowledge.streams.KnowledgeConfig;
import medstream.labeler.LabelerTopics;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.topics.TopicContract;
import medstream.topics.errors.StreamsErrorHandling;
import medstream.trainer.StageSpec;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Which app reads and writes which catalog topic, read from the code itself: the Streams apps' {@code describe()}
 * (sources, sinks, global stores; the DLQ from the exception handlers their configuration installs) and the plain
 * apps' {@link TopicContract}s. Internal topics (repartition, changelog) are not catalog topics and are left out.
 */
public final class TopicMap {
    /** What an arrow says: the app writes to the topic, or reads from it. */
    public enum Direction { READS, WRITES }

    /**
     * One arrow of the picture.
     *
     * @param app       the app's name
     * @param direction reads or writes
     * @param topic     the catalog topic
     * @param via       the Streams nodes (sources, sinks, global stores) that make the arrow; empty for a contract
     */
    public record Arrow(String app, Direction direction, Topic<String, ?> topic, List<String> via) { }

    private final TopicCatalog catalog;
    private final List<Arrow> arrows = new ArrayList<>();

    private TopicMap(TopicCatalog catalog) {
        this.catalog = catalog;
    }

    /** The map of every medstream app over {@code catalog}, with each app's default configuration. */
    public static TopicMap of(TopicCatalog catalog) {
        TopicMap map = new TopicMap(catalog);
        map.contract(RawTopics.CONTRACT);
        map.streams("cleaning", CleaningTopology.buildTopology(catalog, CleaningConfig.defaults()),
                CleaningTopology.getStreamsConfig("unused:9092", CleaningTopology.APPLICATION_ID, Path.of("unused"), catalog));
        KnowledgeConfig knowledge = KnowledgeConfig.defaults();
        map.streams("knowledge", KnowledgeApp.buildTopology(catalog, knowledge),
                KnowledgeApp.getStreamsConfig("unused:9092", catalog, knowledge));
        map.contract(LabelerTopics.CONTRACT);
        for (int stage = 1; stage <= 3; stage++) {
            map.contract(StageSpec.of(stage).contract());
        }
        return map;
    }

    /** The catalog the map is drawn over. */
    public TopicCatalog catalog() {
        return catalog;
    }

    /** Every arrow, apps in the order added, then reads before writes, topics in catalog order. */
    public List<Arrow> arrows() {
        return List.copyOf(arrows);
    }

    /** The apps, in the order added. */
    public List<String> apps() {
        return arrows.stream().map(Arrow::app).distinct().toList();
    }

    private void contract(TopicContract c) {
        c.inputs(catalog).forEach(t -> arrows.add(new Arrow(c.app(), Direction.READS, t, List.of())));
        c.outputs(catalog).forEach(t -> arrows.add(new Arrow(c.app(), Direction.WRITES, t, List.of())));
    }

    private void streams(String app, Topology topology, Properties config) {
        Map<String, TreeSet<String>> reads = new TreeMap<>();
        Map<String, TreeSet<String>> writes = new TreeMap<>();
        TopologyDescription d = topology.describe();
        for (TopologyDescription.GlobalStore g : d.globalStores()) {
            g.source().topicSet().forEach(t -> reads.computeIfAbsent(t, k -> new TreeSet<>()).add(g.source().name()));
        }
        for (TopologyDescription.Subtopology s : d.subtopologies()) {
            for (TopologyDescription.Node n : s.nodes()) {
                if (n instanceof TopologyDescription.Source src && src.topicSet() != null) {
                    src.topicSet().forEach(t -> reads.computeIfAbsent(t, k -> new TreeSet<>()).add(n.name()));
                } else if (n instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                    writes.computeIfAbsent(sink.topic(), k -> new TreeSet<>()).add(n.name());
                }
            }
        }
        StreamsErrorHandling.deadLetterTopic(config)
                .ifPresent(t -> writes.computeIfAbsent(t, k -> new TreeSet<>()).add("exception handlers"));
        add(app, Direction.READS, reads);
        add(app, Direction.WRITES, writes);
    }

    private void add(String app, Direction direction, Map<String, TreeSet<String>> byTopic) {
        for (Topic<String, ?> t : catalog.all()) {
            TreeSet<String> via = byTopic.get(t.name());
            if (via != null) arrows.add(new Arrow(app, direction, t, List.copyOf(via)));
        }
    }
}
