package medstream.labeler.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import medstream.labeler.offline.PubMedQaFile;

/**
 * The official PQA-L cross-validation folds ({@code pqal_cv_folds.json}: per fold 450 training and 50 dev PMIDs
 * over {@code pqal_trainval.json}) as labeled items, and the guard that no held-out item reaches its fold's
 * training data. Every fold is checked when it is built, and callers check again whatever they derive from the
 * training items (the tokenizer corpus, the training rows) with {@link #requireDisjoint}.
 */
public final class CrossValidationFolds {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CrossValidationFolds() {}

    /**
     * One fold.
     *
     * @param index   fold number as in the folds file (0-based)
     * @param train   the items a model may be trained on
     * @param heldOut the items it is evaluated on
     */
    public record Fold(int index, List<PubMedQaFile.Item> train, List<PubMedQaFile.Item> heldOut) {
        /** Copies and refuses a fold whose training part holds a held-out item (by id or by question). */
        public Fold {
            train = List.copyOf(train);
            heldOut = List.copyOf(heldOut);
            String where = "fold " + index;
            requireDisjoint(where + " training items", ids(heldOut), ids(train));
            requireDisjoint(where + " training questions", questions(heldOut), questions(train));
        }

        /** The held-out ids. */
        public Set<String> heldOutIds() {
            return ids(heldOut);
        }

        /** This fold with at most {@code maxTrain} training and {@code maxHeldOut} held-out items, in order (smoke runs). */
        public Fold limit(int maxTrain, int maxHeldOut) {
            return new Fold(index, train.subList(0, Math.min(train.size(), maxTrain)),
                    heldOut.subList(0, Math.min(heldOut.size(), maxHeldOut)));
        }
    }

    /**
     * Reads the folds.
     *
     * @param trainval  {@code pqal_trainval.json} (items with {@code final_decision})
     * @param foldsFile {@code pqal_cv_folds.json}
     * @return the folds in file order; items in the order the folds file lists their ids
     * @throws IllegalArgumentException when a fold names an id the items file lacks, or an item has no gold label
     */
    public static List<Fold> read(Path trainval, Path foldsFile) {
        Map<String, PubMedQaFile.Item> byId = new LinkedHashMap<>();
        for (PubMedQaFile.Item it : PubMedQaFile.read(trainval)) byId.put(it.request().getId(), it);
        JsonNode root;
        try {
            root = JSON.readTree(foldsFile.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the folds file " + foldsFile + ": " + e.getMessage()
                    + " (expected {\"cv_folds\": [{\"fold\", \"train\": [pmid...], \"dev\": [pmid...]}]})", e);
        }
        JsonNode folds = root == null ? null : root.get("cv_folds");
        if (folds == null || !folds.isArray() || folds.isEmpty()) {
            throw new IllegalArgumentException(foldsFile + " has no \"cv_folds\" array; it should be pqal_cv_folds.json");
        }
        List<Fold> out = new ArrayList<>();
        for (JsonNode f : folds) {
            int index = f.path("fold").asInt(out.size());
            out.add(new Fold(index, items(f.path("train"), byId, foldsFile, index),
                    items(f.path("dev"), byId, foldsFile, index)));
        }
        return out;
    }

    /**
     * Throws when {@code used} shares an element with {@code heldOut}: the check that held-out items stay out of
     * whatever a fold trains (items, tokenizer corpus, training rows).
     *
     * @param what what {@code used} is, for the message
     * @throws IllegalStateException naming up to five shared elements
     */
    public static void requireDisjoint(String what, Collection<String> heldOut, Collection<String> used) {
        Set<String> held = heldOut instanceof Set<String> s ? s : new HashSet<>(heldOut);
        TreeSet<String> leaked = new TreeSet<>();
        for (String u : used) if (held.contains(u)) leaked.add(u);
        if (!leaked.isEmpty()) {
            throw new IllegalStateException("Held-out data leaked into " + what + ": " + leaked.size() + " shared, e.g. "
                    + leaked.stream().limit(5).toList() + ". A model must never train on the items it is scored on;"
                    + " build the training data from the fold's training items only");
        }
    }

    /** Ids of items. */
    public static Set<String> ids(Collection<PubMedQaFile.Item> items) {
        return collect(items, it -> it.request().getId());
    }

    /** Questions of items, stripped and lower-cased, to catch the same item under another id. */
    public static Set<String> questions(Collection<PubMedQaFile.Item> items) {
        return collect(items, it -> it.request().getQuestion().strip().toLowerCase(Locale.ROOT));
    }

    private static Set<String> collect(Collection<PubMedQaFile.Item> items, Function<PubMedQaFile.Item, String> key) {
        Set<String> out = new HashSet<>();
        for (PubMedQaFile.Item it : items) out.add(key.apply(it));
        return out;
    }

    private static List<PubMedQaFile.Item> items(JsonNode ids, Map<String, PubMedQaFile.Item> byId, Path file, int fold) {
        List<PubMedQaFile.Item> out = new ArrayList<>();
        for (JsonNode id : ids) {
            PubMedQaFile.Item it = byId.get(id.asText());
            if (it == null) {
                throw new IllegalArgumentException("Fold " + fold + " of " + file + " names PMID " + id.asText()
                        + ", which the items file lacks; use the pqal_trainval.json the folds were made from");
            }
            if (it.gold() == null) {
                throw new IllegalArgumentException("PMID " + id.asText() + " has no final_decision; cross-validation"
                        + " needs labeled items (pqal_trainval.json)");
            }
            out.add(it);
        }
        return out;
    }
}
