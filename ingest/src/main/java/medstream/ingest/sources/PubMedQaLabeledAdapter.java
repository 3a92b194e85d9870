package medstream.ingest.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import medstream.contracts.PubMedQaItem;
import medstream.contracts.PubMedQaSubset;
import medstream.ingest.Entry;
import medstream.ingest.Origin;
import medstream.ingest.SourceAdapter;
import medstream.ingest.io.DataFiles;
import medstream.ingest.io.Json;
import medstream.ingest.io.JsonEntries;
import medstream.ingest.io.MalformedEntryException;
import medstream.ingest.io.Streams;

/**
 * PubMedQA PQA-L ({@code pubmedqa-pqal}): {@code pqal_trainval.json} -> PQA_L items with their decision
 * and the CV fold whose dev list holds the PMID ({@code pqal_cv_folds.json}); {@code pqal_test_unlabeled.json}
 * -> PQA_U items (it stands in for PQA-U). Only {@code raw.pubmedqa}: these abstracts are evaluation data
 * and never become raw documents (the paper keeps PQA-L out of PubMed pre-training).
 */
public final class PubMedQaLabeledAdapter implements SourceAdapter {
    /** Source name. */
    public static final String NAME = "pubmedqa-pqal";
    static final String TRAINVAL = "pqal_trainval.json";
    static final String FOLDS = "pqal_cv_folds.json";
    static final String UNLABELED = "pqal_test_unlabeled.json";
    private static final Set<String> DECISIONS = Set.of("yes", "no", "maybe");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "PubMedQA PQA-L trainval (labeled, with CV fold) and test half (unlabeled, as PQA_U) -> raw.pubmedqa";
    }

    @Override
    public Stream<Entry> read(Path path) throws IOException {
        DataFiles.requireExists(path, NAME);
        Path dir = DataFiles.directoryOf(path);
        List<Streams.IoSupplier<Stream<Entry>>> parts = new ArrayList<>();
        if (DataFiles.wants(path, TRAINVAL)) {
            Path trainval = DataFiles.require(dir, TRAINVAL, NAME);
            Map<String, Integer> folds = readFolds(DataFiles.require(dir, FOLDS, NAME));
            parts.add(() -> JsonEntries.read(dir, trainval,
                    (pmid, node, origin) -> List.of(item(pmid, node, origin, PubMedQaSubset.PQA_L, folds))));
        }
        if (DataFiles.wants(path, UNLABELED)) {
            Path unlabeled = DataFiles.require(dir, UNLABELED, NAME);
            parts.add(() -> JsonEntries.read(dir, unlabeled,
                    (pmid, node, origin) -> List.of(item(pmid, node, origin, PubMedQaSubset.PQA_U, Map.of()))));
        }
        if (parts.isEmpty()) {
            throw DataFiles.unknownFile(path, NAME, TRAINVAL, UNLABELED);
        }
        return Streams.concat(parts);
    }

    /**
     * PMID -> the fold whose dev list holds it. The official split gives each PMID exactly one dev fold.
     */
    static Map<String, Integer> readFolds(Path file) throws IOException {
        JsonNode root = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        JsonNode folds = root.path("cv_folds");
        if (!folds.isArray()) {
            throw new IOException(file + " has no \"cv_folds\" array; expected {\"cv_folds\": [{\"fold\": 0, "
                    + "\"train\": [...], \"dev\": [...]}, ...]}");
        }
        Map<String, Integer> byPmid = new HashMap<>();
        for (JsonNode fold : folds) {
            int number = fold.path("fold").asInt(-1);
            for (JsonNode pmid : fold.path("dev")) {
                Integer before = byPmid.putIfAbsent(pmid.asText(), number);
                if (before != null && before != number) {
                    throw new IOException(file + ": PMID " + pmid.asText() + " is in the dev list of folds " + before
                            + " and " + number + "; the official split has each PMID in exactly one dev fold");
                }
            }
        }
        return byPmid;
    }

    static Entry item(String pmid, JsonNode node, Origin origin, PubMedQaSubset subset, Map<String, Integer> folds)
            throws MalformedEntryException {
        Json.object(node);
        if (!pmid.chars().allMatch(Character::isDigit)) {
            throw new MalformedEntryException("key '" + pmid + "' is not a PMID (digits)");
        }
        String decision = null;
        if (subset == PubMedQaSubset.PQA_L) {
            decision = Json.text(node, "final_decision").toLowerCase(Locale.ROOT);
            if (!DECISIONS.contains(decision)) {
                throw new MalformedEntryException("final_decision '" + decision + "' is not one of yes/no/maybe");
            }
        }
        List<String> contexts = Json.texts(node, "CONTEXTS");
        List<String> labels = node.has("LABELS") ? Json.texts(node, "LABELS") : List.of();
        PubMedQaItem item = PubMedQaItem.newBuilder()
                .setPmid(pmid)
                .setQuestion(Json.text(node, "QUESTION"))
                .setContexts(contexts)
                .setContextLabels(labels)
                .setLongAnswer(Json.optText(node, "LONG_ANSWER"))
                .setFinalDecision(decision)
                .setSubset(subset)
                .setFold(folds.get(pmid))
                .build();
        return new Entry.Produce(origin, NAME + ":" + pmid, item);
    }
}
