package medstream.trainer.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import medstream.contracts.ModelVersion;
import medstream.lm.checkpoint.Checkpoint;
import medstream.lm.model.CausalLm;
import medstream.topics.Topic;
import medstream.topics.TopicCatalog;
import medstream.topics.testing.EmbeddedKafkaExtension;
import medstream.trainer.Budget;
import medstream.trainer.StageSpec;
import medstream.trainer.StageTrainer;
import medstream.trainer.TrainerContext;
import medstream.trainer.TrainerListener;
import medstream.trainer.config.StageConfig;
import medstream.trainer.config.TrainingHyperparameters;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Helpers shared by the trainer's integration tests. */
public final class TrainerFixtures {

    private TrainerFixtures() {}

    /**
     * Tiny-preset hyperparameters whose stage-1 rounds take {@code recordsPerRound} records (split over the
     * partitions) and fire when the topic is drained; no evaluation, no age trigger.
     */
    public static TrainingHyperparameters tiny(int recordsPerRound) {
        TrainingHyperparameters h = TrainingHyperparameters.forPreset("tiny");
        for (int stage = 1; stage <= 3; stage++) {
            StageConfig c = h.stage(stage);
            h = h.withStage(c.withTriggers(c.triggers().withMaxRecords(recordsPerRound).withMaxTokens(Long.MAX_VALUE).withMaxAge(null)));
        }
        return h.withEval(new TrainingHyperparameters.EvalConfig(0, 0, false));
    }

    /** A context on the extension's broker, progress lines on stderr. */
    public static TrainerContext context(EmbeddedKafkaExtension kafka, TopicCatalog catalog, Path root,
            TrainingHyperparameters hyper) {
        return TrainerContext.of(catalog, kafka.bootstrapServers(), root, hyper);
    }

    /**
     * Produces values round-robin over the topic's partitions (keyed by index), so both partitions get data
     * deterministically.
     */
    public static <V> Map<Integer, Integer> produceRoundRobin(EmbeddedKafkaExtension kafka, Topic<String, V> topic,
            List<V> values) {
        Map<Integer, Integer> perPartition = new LinkedHashMap<>();
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(kafka.producerProps(), topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                int p = i % topic.partitions();
                sent.add(producer.send(new ProducerRecord<>(topic.name(), p, "k" + i, values.get(i))));
                perPartition.merge(p, 1, Integer::sum);
            }
            producer.flush();
            // A send that failed would otherwise surface as a wrong count in the test, far from its cause.
            for (int i = 0; i < sent.size(); i++) {
                try {
                    sent.get(i).get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("fixture record k" + i + " to " + topic.name() + " was not written: "
                            + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted producing fixtures", e);
                }
            }
        }
        return perPartition;
    }

    /**
     * Runs a stage-1 trainer on a thread of its own and kills it at {@code step} of {@code round} as a killed process
     * would be: the thread is interrupted from outside while the step waits for the interrupt to reach it. {@code seen}
     * gets the run's versions. Returns what the run threw (null when it ended on its own within 5 minutes).
     */
    public static Throwable killStage1At(TrainerContext ctx, int round, int step, TrainerListener seen)
            throws InterruptedException {
        AtomicReference<Thread> runner = new AtomicReference<>();
        TrainerListener killer = new TrainerListener() {
            @Override
            public void onStep(StepEvent e) {
                if (e.round() == round && e.step() == step) {
                    runner.get().interrupt();
                    try {
                        new CountDownLatch(1).await(60, TimeUnit.SECONDS); // until the kill reaches this thread
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void onVersion(ModelVersion v) {
                seen.onVersion(v);
            }
        };
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                new StageTrainer<>(StageSpec.STAGE1, ctx.withListener(killer)).run(true, Budget.UNLIMITED);
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "crashing-trainer");
        runner.set(t);
        t.start();
        t.join(TimeUnit.MINUTES.toMillis(5));
        return failure.get();
    }

    /** Collects every published version. */
    public static final class Versions implements TrainerListener {
        public final List<ModelVersion> versions = new ArrayList<>();

        @Override
        public synchronized void onVersion(ModelVersion version) {
            versions.add(version);
        }
    }

    /** The largest absolute difference between two checkpoints' parameters (NaN when the names differ). */
    public static double maxParameterDifference(Path a, Path b) {
        try (CausalLm ma = Checkpoint.open(a).loadModel(ai.djl.Device.cpu());
             CausalLm mb = Checkpoint.open(b).loadModel(ai.djl.Device.cpu())) {
            if (!ma.parameters().keySet().equals(mb.parameters().keySet())) {
                return Double.NaN;
            }
            double max = 0;
            for (String name : ma.parameters().keySet()) {
                float[] x = ma.parameters().get(name).toFloatArray();
                float[] y = mb.parameters().get(name).toFloatArray();
                if (x.length != y.length) {
                    return Double.NaN;
                }
                for (int i = 0; i < x.length; i++) {
                    max = Math.max(max, Math.abs(x[i] - y[i]));
                }
            }
            return max;
        }
    }
}
