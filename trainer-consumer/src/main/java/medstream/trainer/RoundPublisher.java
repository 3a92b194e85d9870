package medstream.trainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import medstream.contracts.DeadLetter;
import medstream.contracts.EvalResult;
import medstream.contracts.ModelVersion;
import medstream.topics.Topic;
import medstream.topics.errors.DeadLetters;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a round and tells the cluster: its dead letters first, then the new version, then the version's
 * evaluations. Runs on the training thread, which owns the model; the producer is thread-safe.
 *
 * @param <V> record type of the stage
 */
final class RoundPublisher<V> {
    private static final Logger LOG = LoggerFactory.getLogger(RoundPublisher.class);

    /**
     * What a round published.
     *
     * @param round the round's version and figures
     * @param evals its evaluations (empty without an evaluator or for a round without a step)
     */
    record Published(RoundResult round, List<EvalResult> evals) { }

    private final StageEngine<V> engine;
    private final TrainerContext ctx;
    private final Producer<String, byte[]> producer;

    RoundPublisher(StageEngine<V> engine, TrainerContext ctx, Producer<String, byte[]> producer) {
        this.engine = engine;
        this.ctx = ctx;
        this.producer = producer;
    }

    /** Trains and publishes one round. */
    Published publish(RoundStarter.Round round) throws IOException {
        sendDeadLetters(round.deadLetters());
        RoundResult result = engine.trainRound(round.input());
        ctx.listener().onCheckpointed(result.version());
        var versions = ctx.catalog().modelVersions();
        producer.send(new ProducerRecord<>(versions.name(), result.version().getVersion(),
                versions.valueSerde().serializer().serialize(versions.name(), result.version())));
        producer.flush();
        ctx.listener().onVersion(result.version());
        return new Published(result, result.steps() > 0 ? evaluate(result) : List.of());
    }

    /**
     * Publishes the resumed checkpoint's record when a kill came between the checkpoint and its publication. Runs on
     * the poll thread before the first poll, while no round trains.
     */
    void publishResumedIfMissing() {
        var record = engine.resumedRecord();
        var versions = ctx.catalog().modelVersions();
        if (record.isEmpty() || VersionPublication.isPublished(ctx, versions, record.get().getVersion())) {
            return;
        }
        ModelVersion v = record.get();
        LOG.warn("stage {}: {} was checkpointed but never published (the trainer stopped in between); publishing it now",
                engine.stage(), v.getVersion());
        producer.send(new ProducerRecord<>(versions.name(), v.getVersion(), versions.valueSerde().serializer()
                .serialize(versions.name(), v)));
        producer.flush();
        ctx.listener().onVersion(v);
    }

    private void sendDeadLetters(List<DeadLetter> dead) {
        Topic<String, DeadLetter> dlq = ctx.catalog().dlq();
        for (DeadLetter d : dead) {
            // Keyed and stamped as every DLQ producer does; this producer's keys are strings, as every input key is.
            var r = DeadLetters.record(dlq.name(), d, dlq.valueSerde().serializer().serialize(dlq.name(), d));
            producer.send(new ProducerRecord<>(r.topic(), null, r.timestamp(), new String(r.key(), StandardCharsets.UTF_8),
                    r.value()));
        }
        producer.flush(); // dead letters go out before the checkpoint: at least once, never lost
        if (!dead.isEmpty()) {
            Map<String, Long> byClass = new TreeMap<>();
            dead.forEach(d -> byClass.merge(d.getErrorClass(), 1L, Long::sum));
            ctx.listener().onDeadLetters(engine.stage(), byClass);
        }
    }

    private List<EvalResult> evaluate(RoundResult result) {
        List<EvalResult> out = new ArrayList<>();
        if (ctx.evaluator() == null) {
            return out;
        }
        var evalTopic = ctx.catalog().modelEvals();
        for (EvalResult r : ctx.evaluator().evaluate(engine.model(), engine.prompts(), result.version().getVersion(),
                engine.stage())) {
            producer.send(new ProducerRecord<>(evalTopic.name(), r.getModelVersion() + "/" + r.getBenchmark(),
                    evalTopic.valueSerde().serializer().serialize(evalTopic.name(), r)));
            ctx.listener().onEval(r);
            out.add(r);
        }
        producer.flush();
        return out;
    }
}
