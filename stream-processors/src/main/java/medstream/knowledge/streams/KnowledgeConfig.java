package medstream.knowledge.streams;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import medstream.knowledge.exam.SplitPolicy;
import medstream.knowledge.kg.SamplerConfig;
import medstream.knowledge.kg.Scale;
import medstream.knowledge.pubmedqa.PubMedQaConfig;
import medstream.topics.config.Setting;
import medstream.topics.config.Settings;
import org.apache.kafka.streams.processor.PunctuationType;

/**
 * Everything the knowledge apps can be told, with defaults in one place. Each key can be set as a
 * system property, an environment variable (upper case, '.' and '-' as '_') or in a properties file.
 *
 * @param applicationId      Kafka Streams application id (also the DLQ service name)
 * @param sampler            KG sub-graph scales, rates and caps
 * @param kgInactivity       an entity's sub-graph is emitted once no triplet for it arrived for this long
 * @param kgPunctuateEvery   how often the inactivity check runs
 * @param kgPunctuation      wall-clock time (live ingestion) or stream time (replays, tests)
 * @param kgSizeCap          emit an entity at once when this many new facts are pending, without waiting
 * @param splitPolicy        which exam splits train and which are held out
 * @param chunkTokens        stage-1 chunk budget for clean documents, in approximate tokens
 * @param pubMedQa           PubMedQA routing settings
 */
public record KnowledgeConfig(String applicationId, SamplerConfig sampler, Duration kgInactivity, Duration kgPunctuateEvery,
                              PunctuationType kgPunctuation, int kgSizeCap, SplitPolicy splitPolicy, int chunkTokens,
                              PubMedQaConfig pubMedQa) {

    public static final Setting<String> APPLICATION_ID = Setting.string("medstream.knowledge.application-id",
            "medstream-knowledge", "Kafka Streams application id of the knowledge apps");
    public static final Setting<String> KG_SCALES = Setting.string("medstream.knowledge.kg.scales", "FACT,STAR,PATH",
            "KG sub-graph scales to emit (FACT, STAR, PATH)");
    public static final Setting<Double> KG_FACT_RATE = Setting.decimal("medstream.knowledge.kg.fact-rate", 0.2,
            "share of single facts emitted as their own text");
    public static final Setting<Double> KG_STAR_RATE = Setting.decimal("medstream.knowledge.kg.star-rate", 1.0,
            "share of entities whose 1-hop star is emitted");
    public static final Setting<Double> KG_PATH_RATE = Setting.decimal("medstream.knowledge.kg.path-rate", 0.1,
            "share of 2-hop paths considered");
    public static final Setting<Integer> KG_MAX_STAR_FACTS = Setting.integer("medstream.knowledge.kg.max-star-facts", 24,
            "most facts in one star paragraph");
    public static final Setting<Integer> KG_MAX_OBJECTS = Setting.integer("medstream.knowledge.kg.max-objects-per-relation", 8,
            "most objects listed for one relation in a star");
    public static final Setting<Integer> KG_MAX_PATHS = Setting.integer("medstream.knowledge.kg.max-paths-per-entity", 5,
            "most 2-hop paths emitted through one middle entity");
    public static final Setting<Integer> KG_PATH_FANOUT = Setting.integer("medstream.knowledge.kg.max-path-fanout", 32,
            "most in- and out-edges of one entity considered for paths");
    public static final Setting<Long> KG_SEED = Setting.longValue("medstream.knowledge.kg.seed", 42L,
            "seed of every KG sampling decision");
    public static final Setting<Long> KG_INACTIVITY_MS = Setting.longValue("medstream.knowledge.kg.inactivity-ms", 5_000L,
            "emit an entity's sub-graph after this long without new triplets for it");
    public static final Setting<Long> KG_PUNCTUATE_MS = Setting.longValue("medstream.knowledge.kg.punctuate-ms", 1_000L,
            "how often the KG inactivity check runs");
    public static final Setting<String> KG_PUNCTUATION = Setting.string("medstream.knowledge.kg.punctuation", "wall-clock",
            "wall-clock or stream-time: the clock of the KG inactivity check");
    public static final Setting<Integer> KG_SIZE_CAP = Setting.integer("medstream.knowledge.kg.size-cap", 256,
            "emit an entity at once when this many new facts are pending");
    public static final Setting<String> EXAM_SPLIT_OVERRIDES = Setting.string("medstream.knowledge.exam.split-overrides", "",
            "comma-separated source/split=TRAIN|EVAL overrides of the split policy, e.g. medmcqa/dev=TRAIN");
    public static final Setting<Integer> CHUNK_TOKENS = Setting.integer("medstream.knowledge.corpus.chunk-tokens", 512,
            "stage-1 chunk budget for clean documents (words, or characters for CJK)");
    public static final Setting<Integer> PUBMEDQA_DEV_FOLD = Setting.integer("medstream.knowledge.pubmedqa.dev-fold", 0,
            "PQA-L fold (0-9) kept as the PubMedQA dev evaluation set");
    public static final Setting<Double> PUBMEDQA_ARTIFICIAL_WEIGHT = Setting.decimal(
            "medstream.knowledge.pubmedqa.artificial-weight", 1.0, "sample weight of PQA-A tasks");
    public static final Setting<Boolean> PUBMEDQA_PROTECT_UNLABELED = Setting.bool(
            "medstream.knowledge.pubmedqa.protect-unlabeled", true,
            "also register unlabeled PubMedQA items as evaluation items (decontamination of stage 1/2)");

    /** Every key, for printing the effective configuration at start-up. */
    public static final List<Setting<?>> SETTINGS = List.of(APPLICATION_ID, KG_SCALES, KG_FACT_RATE, KG_STAR_RATE,
            KG_PATH_RATE, KG_MAX_STAR_FACTS, KG_MAX_OBJECTS, KG_MAX_PATHS, KG_PATH_FANOUT, KG_SEED, KG_INACTIVITY_MS,
            KG_PUNCTUATE_MS, KG_PUNCTUATION, KG_SIZE_CAP, EXAM_SPLIT_OVERRIDES, CHUNK_TOKENS, PUBMEDQA_DEV_FOLD,
            PUBMEDQA_ARTIFICIAL_WEIGHT, PUBMEDQA_PROTECT_UNLABELED);

    public KnowledgeConfig {
        if (kgSizeCap < 1) {
            throw new IllegalArgumentException("kgSizeCap must be >= 1, got " + kgSizeCap);
        }
        if (kgPunctuateEvery.isZero() || kgPunctuateEvery.isNegative()) {
            throw new IllegalArgumentException("kgPunctuateEvery must be positive, got " + kgPunctuateEvery);
        }
    }

    /** The defaults of every key. */
    public static KnowledgeConfig defaults() {
        return from(Settings.of(java.util.Map.of()));
    }

    /** The configuration resolved from settings (flags, system properties, environment, file, defaults). */
    public static KnowledgeConfig from(Settings s) {
        SamplerConfig sampler = new SamplerConfig(scales(s.get(KG_SCALES)), s.get(KG_FACT_RATE), s.get(KG_STAR_RATE),
                s.get(KG_PATH_RATE), s.get(KG_MAX_STAR_FACTS), s.get(KG_MAX_OBJECTS), s.get(KG_MAX_PATHS),
                s.get(KG_PATH_FANOUT), s.get(KG_SEED));
        return new KnowledgeConfig(s.get(APPLICATION_ID), sampler, Duration.ofMillis(s.get(KG_INACTIVITY_MS)),
                Duration.ofMillis(s.get(KG_PUNCTUATE_MS)), punctuation(s.get(KG_PUNCTUATION)), s.get(KG_SIZE_CAP),
                splitPolicy(s.get(EXAM_SPLIT_OVERRIDES)), s.get(CHUNK_TOKENS),
                new PubMedQaConfig(s.get(PUBMEDQA_DEV_FOLD), s.get(PUBMEDQA_ARTIFICIAL_WEIGHT), s.get(PUBMEDQA_PROTECT_UNLABELED)));
    }

    /** A copy with other KG timing: tests use stream time and short windows. */
    public KnowledgeConfig withKgTiming(Duration inactivity, Duration punctuateEvery, PunctuationType type, int sizeCap) {
        return new KnowledgeConfig(applicationId, sampler, inactivity, punctuateEvery, type, sizeCap, splitPolicy,
                chunkTokens, pubMedQa);
    }

    /** A copy with another sampler. */
    public KnowledgeConfig withSampler(SamplerConfig newSampler) {
        return new KnowledgeConfig(applicationId, newSampler, kgInactivity, kgPunctuateEvery, kgPunctuation, kgSizeCap,
                splitPolicy, chunkTokens, pubMedQa);
    }

    /** A copy with another split policy. */
    public KnowledgeConfig withSplitPolicy(SplitPolicy policy) {
        return new KnowledgeConfig(applicationId, sampler, kgInactivity, kgPunctuateEvery, kgPunctuation, kgSizeCap,
                policy, chunkTokens, pubMedQa);
    }

    /** A copy with another chunk budget. */
    public KnowledgeConfig withChunkTokens(int tokens) {
        return new KnowledgeConfig(applicationId, sampler, kgInactivity, kgPunctuateEvery, kgPunctuation, kgSizeCap,
                splitPolicy, tokens, pubMedQa);
    }

    static Set<Scale> scales(String csv) {
        Set<Scale> out = EnumSet.noneOf(Scale.class);
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(Scale.valueOf(s.strip().toUpperCase(Locale.ROOT)));
            }
        }
        return out;
    }

    static PunctuationType punctuation(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "wall-clock", "wall_clock", "wall-clock-time" -> PunctuationType.WALL_CLOCK_TIME;
            case "stream-time", "stream_time" -> PunctuationType.STREAM_TIME;
            default -> throw new IllegalArgumentException("punctuation must be wall-clock or stream-time, got '" + value + "'");
        };
    }

    static SplitPolicy splitPolicy(String overrides) {
        SplitPolicy p = SplitPolicy.defaults();
        for (String entry : overrides.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] kv = entry.split("=");
            String[] sourceSplit = kv[0].split("/");
            if (kv.length != 2 || sourceSplit.length != 2) {
                throw new IllegalArgumentException("split override '" + entry + "' must look like source/split=TRAIN or =EVAL");
            }
            p = p.with(sourceSplit[0].strip(), sourceSplit[1].strip(),
                    SplitPolicy.Route.valueOf(kv[1].strip().toUpperCase(Locale.ROOT)));
        }
        return p;
    }
}
