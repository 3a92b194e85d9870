package medstream.knowledge.streams;

import java.util.Optional;
import java.util.function.Function;
import medstream.topics.Topic;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/** Small wiring helpers shared by the knowledge topologies, so every source and sink is named the same way. */
final class Wiring {
    private Wiring() { }

    /** A named source over a catalog topic. */
    static <V> KStream<String, V> source(StreamsBuilder builder, Topic<String, V> topic, String name) {
        return builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde()).withName(name));
    }

    /**
     * Sends the part {@code pick} selects (when present) to {@code topic}, keyed by {@code id} of the
     * output record: outputs are keyed by their stable id, so re-ingesting overwrites instead of duplicating.
     */
    static <I, O> void emit(KStream<String, I> stream, String name, Function<I, Optional<O>> pick, Function<O, String> id,
                            Topic<String, O> topic) {
        stream.flatMap((k, v) -> pick.apply(v).map(o -> KeyValue.pair(id.apply(o), o)).stream().toList(),
                        Named.as(name + "-keyed"))
                .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()).withName(name + "-sink"));
    }
}
