package medstream.experiments.lf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import medstream.labeler.lf.Vote;

/**
 * Model voters' out-of-fold probabilities on the PQA-L items (each item scored by a model that did not train on its
 * fold, as {@code ./medstream crossval} produces them), so model strategies vote beside the labeling functions in
 * the cross-validation. File format: {@code {"voter": {"pmid": [p_yes, p_no, p_maybe], ...}, ...}}. An item a voter
 * has no probabilities for is an abstention of that voter.
 */
public final class OutOfFoldVotes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Map<String, double[]>> byVoter;

    private OutOfFoldVotes(Map<String, Map<String, double[]>> byVoter) {
        this.byVoter = byVoter;
    }

    /** No model voters: labeling functions alone. */
    public static OutOfFoldVotes none() {
        return new OutOfFoldVotes(Map.of());
    }

    /** From voter -> item id -> probabilities in {@link Vote#OPTIONS} order. */
    public static OutOfFoldVotes of(Map<String, Map<String, double[]>> byVoter) {
        Map<String, Map<String, double[]>> copy = new LinkedHashMap<>();
        byVoter.forEach((v, m) -> copy.put(v, Map.copyOf(m)));
        return new OutOfFoldVotes(copy);
    }

    /** Reads the file described in the class comment. */
    public static OutOfFoldVotes read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read model votes " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + " should be {\"voter\": {\"pmid\": [p_yes, p_no, p_maybe]}}");
        }
        Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> v = root.fields(); v.hasNext(); ) {
            Map.Entry<String, JsonNode> voter = v.next();
            Map<String, double[]> probs = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> i = voter.getValue().fields(); i.hasNext(); ) {
                Map.Entry<String, JsonNode> item = i.next();
                if (item.getValue().size() != Vote.OPTIONS.size()) {
                    throw new IllegalArgumentException(file + ": " + voter.getKey() + "/" + item.getKey() + " has "
                            + item.getValue().size() + " probabilities; give one per option " + Vote.OPTIONS);
                }
                double[] p = new double[Vote.OPTIONS.size()];
                for (int k = 0; k < p.length; k++) p[k] = item.getValue().get(k).asDouble();
                probs.put(item.getKey(), p);
            }
            out.put(voter.getKey(), probs);
        }
        return of(out);
    }

    /** The model voters, in file order. */
    public List<String> voters() {
        return List.copyOf(byVoter.keySet());
    }

    /** Every model voter's vote on an item. */
    public List<Vote> votes(String itemId) {
        List<Vote> out = new ArrayList<>(byVoter.size());
        byVoter.forEach((voter, probs) -> {
            double[] p = probs.get(itemId);
            out.add(p == null ? Vote.abstain(voter, "NO_OUT_OF_FOLD_PROBABILITIES") : Vote.fromProbabilities(voter, p));
        });
        return out;
    }
}
