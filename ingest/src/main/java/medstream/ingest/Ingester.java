package medstream.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import medstream.contracts.DeadLetter;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.topics.errors.DeadLetters;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Drives an adapter's entries into Kafka through one producer of byte arrays: each record is serialised
 * with its topic's serdes from the catalog and keyed by its stable id; each failure becomes a
 * {@link DeadLetter} on {@code catalog.dlq()} with topic {@code file:<name>}, partition -1 and the line
 * as offset; each skip is counted by reason. The producer belongs to the caller (one producer can serve
 * many sources); {@link #ingest} flushes it before returning, so the report counts acknowledged records.
 */
public final class Ingester {
    /** The service name in dead letters. */
    public static final String SERVICE = "ingest";
    /** How often progress is reported. */
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(2);

    private final TopicCatalog catalog;
    private final Producer<byte[], byte[]> producer;
    private final ProgressListener progress;
    private final long progressIntervalNanos;
    private final Map<String, Serializer<SpecificRecord>> valueSerializers = new HashMap<>();

    /**
     * @param catalog          topics and serdes
     * @param producer         a producer of byte arrays (idempotent, acks=all: see {@link Ingest#producerConfig})
     * @param progress         where progress goes
     * @param progressInterval how often progress is reported
     */
    public Ingester(TopicCatalog catalog, Producer<byte[], byte[]> producer, ProgressListener progress,
                    Duration progressInterval) {
        this.catalog = catalog;
        this.producer = producer;
        this.progress = progress;
        this.progressIntervalNanos = progressInterval.toNanos();
    }

    /** Send outcomes, filled in by producer callbacks (the only place acknowledgements are known). */
    private static final class Acks {
        final Map<String, LongAdder> byTopic = new ConcurrentHashMap<>();
        final Queue<FailedSend> failed = new ConcurrentLinkedQueue<>();
        final Queue<Exception> deadLettersFailed = new ConcurrentLinkedQueue<>();
    }

    private record FailedSend(Origin origin, String key, String topic, Exception error) { }

    /**
     * Ingests one source.
     *
     * @param adapter the source's adapter
     * @param path    its data set directory or file
     * @param limit   the most records to produce (all topics together); {@code <= 0} for all
     * @throws IOException       when the source cannot be read at all (missing files)
     * @throws IngestException   when records could not be delivered and not even dead-lettered
     */
    public SourceReport ingest(SourceAdapter adapter, Path path, long limit) throws IOException {
        long max = limit <= 0 ? Long.MAX_VALUE : limit;
        long start = System.nanoTime();
        long nextProgress = start + progressIntervalNanos;
        Acks acks = new Acks();
        Map<String, Long> skipped = new TreeMap<>();
        long sent = 0;
        long deadLetters = 0;
        long skips = 0;
        boolean limited = false;
        DuplicateIds ids = new DuplicateIds();
        try (Stream<Entry> entries = adapter.read(path)) {
            Iterator<Entry> it = entries.iterator();
            while (it.hasNext()) {
                if (sent >= max) {
                    limited = true;
                    break;
                }
                Entry e = it.next();
                Optional<Entry.Failure> duplicate = e instanceof Entry.Produce p ? ids.check(p) : Optional.empty();
                if (duplicate.isPresent()) {
                    deadLetter(duplicate.get(), acks);
                    deadLetters++;
                } else if (e instanceof Entry.Produce p) {
                    send(p, acks);
                    sent++;
                } else if (e instanceof Entry.Failure f) {
                    deadLetter(f, acks);
                    deadLetters++;
                } else if (e instanceof Entry.Skip s) {
                    skipped.merge(s.reason(), 1L, Long::sum);
                    skips++;
                }
                long now = System.nanoTime();
                if (now >= nextProgress) {
                    progress.onProgress(new ProgressListener.Progress(adapter.name(), sent, deadLetters, skips,
                            Duration.ofNanos(now - start)));
                    nextProgress = now + progressIntervalNanos;
                }
            }
        } catch (UncheckedIOException e) {
            // A file that cannot be read at all (not one bad entry): the source fails with the original error.
            throw e.getCause();
        }
        producer.flush();
        // Records the broker refused (too large, authorisation ...) are not lost: they become dead letters too.
        for (FailedSend f; (f = acks.failed.poll()) != null; ) {
            DeadLetter dl = DeadLetters.of(SERVICE, "file:" + f.origin().file(), -1, f.origin().line(),
                    f.key().getBytes(StandardCharsets.UTF_8), null, DeadLetters.errorClassOf(f.error()),
                    "Record " + f.key() + " from " + f.origin() + " was refused on its way to " + f.topic() + ": "
                            + f.error().getMessage() + "; expected a record the producer and broker accept (within "
                            + "max.request.size and the topic's max.message.bytes): split a document that large, or raise"
                            + " both limits", f.error());
            sendDeadLetter(dl, acks);
            deadLetters++;
        }
        producer.flush();
        if (!acks.deadLettersFailed.isEmpty()) {
            Exception first = acks.deadLettersFailed.peek();
            throw new IngestException(acks.deadLettersFailed.size() + " dead letters of " + adapter.name()
                    + " could not be written to " + catalog.dlq().name() + " (first: " + first + "); check that the"
                    + " topic exists and the broker accepts writes", first);
        }
        Map<String, Long> byTopic = new TreeMap<>();
        acks.byTopic.forEach((t, n) -> byTopic.put(t, n.sum()));
        SourceReport report = new SourceReport(adapter.name(), path.toString(), byTopic, deadLetters, skipped, limited,
                Duration.ofNanos(System.nanoTime() - start));
        progress.onSourceDone(report);
        return report;
    }

    private void send(Entry.Produce p, Acks acks) {
        Topic<String, SpecificRecord> topic = RawTopics.of(p.value(), catalog);
        byte[] key = topic.keySerde().serializer().serialize(topic.name(), p.key());
        byte[] value;
        try {
            value = valueSerializer(topic).serialize(topic.name(), p.value());
        } catch (RuntimeException e) {
            // Records are built by validating builders, so this is the registry or the serde config, not the data.
            throw new IngestException("Cannot serialise " + p.key() + " for " + topic.name() + " (" + e.getMessage()
                    + "); is the schema registry at " + catalog.serdeConfig().get("schema.registry.url")
                    + " reachable and does it accept the schema?", e);
        }
        String logical = topic.logicalName();
        producer.send(new ProducerRecord<>(topic.name(), key, value), (meta, error) -> {
            if (error == null) {
                acks.byTopic.computeIfAbsent(logical, t -> new LongAdder()).increment();
            } else {
                acks.failed.add(new FailedSend(p.origin(), p.key(), logical, error));
            }
        });
    }

    private void deadLetter(Entry.Failure f, Acks acks) {
        DeadLetter dl = DeadLetters.of(SERVICE, "file:" + f.origin().file(), -1, f.origin().line(), null, f.raw(),
                f.errorClass(), f.description(), f.cause());
        sendDeadLetter(dl, acks);
    }

    private void sendDeadLetter(DeadLetter dl, Acks acks) {
        Topic<String, DeadLetter> dlq = RawTopics.CONTRACT.output(catalog, TopicCatalog::dlq);
        byte[] value = dlq.valueSerde().serializer().serialize(dlq.name(), dl);
        // Keyed as every DLQ producer keys: a refused record by its id, a bad line by file:<path>:<line>.
        producer.send(DeadLetters.record(dlq.name(), dl, value), (meta, error) -> {
            if (error != null) {
                acks.deadLettersFailed.add(error);
            }
        });
    }

    private Serializer<SpecificRecord> valueSerializer(Topic<String, SpecificRecord> topic) {
        return valueSerializers.computeIfAbsent(topic.name(), n -> topic.valueSerde().serializer());
    }
}
