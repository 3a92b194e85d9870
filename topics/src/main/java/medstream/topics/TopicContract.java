package medstream.topics;

import java.util.List;
import java.util.function.Function;

/**
 * What one plain (non-Streams) app reads and writes, declared once next to the app. The app takes its topics from
 * here ({@link #input}, {@link #output}, {@link #inputs}, {@link #outputs}), so a topic it uses without declaring
 * fails at start-up, and docs/ARCHITECTURE.md, drawn from these contracts and the Streams topologies'
 * {@code describe()}, cannot show a picture the code does not run. Streams apps need none: their topology says it.
 *
 * @param app    the app's name in the picture (e.g. {@code labeler})
 * @param reads  the topics it consumes, as catalog accessors
 * @param writes the topics it produces to, as catalog accessors
 */
public record TopicContract(String app, List<Function<TopicCatalog, ? extends Topic<String, ?>>> reads,
                            List<Function<TopicCatalog, ? extends Topic<String, ?>>> writes) {

    public TopicContract {
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
    }

    /** The declared input topics in {@code catalog}, in declaration order. */
    public List<Topic<String, ?>> inputs(TopicCatalog catalog) {
        return resolve(reads, catalog);
    }

    /** The declared output topics in {@code catalog}, in declaration order. */
    public List<Topic<String, ?>> outputs(TopicCatalog catalog) {
        return resolve(writes, catalog);
    }

    /**
     * The topic {@code pick} selects, checked to be a declared input.
     *
     * @throws IllegalStateException when the contract does not declare it (the picture would miss an arrow)
     */
    public <V> Topic<String, V> input(TopicCatalog catalog, Function<TopicCatalog, Topic<String, V>> pick) {
        return declared(pick.apply(catalog), inputs(catalog), "reads");
    }

    /**
     * The topic {@code pick} selects, checked to be a declared output.
     *
     * @throws IllegalStateException when the contract does not declare it (the picture would miss an arrow)
     */
    public <V> Topic<String, V> output(TopicCatalog catalog, Function<TopicCatalog, Topic<String, V>> pick) {
        return declared(pick.apply(catalog), outputs(catalog), "writes");
    }

    private <V> Topic<String, V> declared(Topic<String, V> topic, List<Topic<String, ?>> declared, String verb) {
        if (!declared.contains(topic)) {
            throw new IllegalStateException(app + " " + verb + " " + topic.name() + " but its TopicContract declares "
                    + declared + " only: add it to the contract (and regenerate docs/ARCHITECTURE.md)");
        }
        return topic;
    }

    private static List<Topic<String, ?>> resolve(List<Function<TopicCatalog, ? extends Topic<String, ?>>> picks,
                                                  TopicCatalog catalog) {
        return picks.stream().<Topic<String, ?>>map(p -> p.apply(catalog)).toList();
    }
}
