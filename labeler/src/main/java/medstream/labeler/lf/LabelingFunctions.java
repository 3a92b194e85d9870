package medstream.labeler.lf;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A versioned set of labeling functions: applies them all to a request, flips the yes/no votes of a negated question
 * ("Is X not effective?" answered by "X is not effective" means yes), and names itself by a hash of the definitions,
 * which every label's lineage records: two labels with the same hash were voted by the same rules.
 */
public final class LabelingFunctions {
    /** Hex characters of the SHA-256 kept as the set's version. */
    public static final int HASH_PREFIX = 16;
    /** Item-level reason when a negated question flipped the votes. */
    public static final String QUESTION_NEGATED = "QUESTION_NEGATED";
    /**
     * The question proper (after the last colon of a "Title: question?") opens with an auxiliary that is negated
     * within a few words ("is it not", "doesn't"); a "not" in a subordinate clause ("when they do not understand")
     * does not negate what is asked.
     */
    static final Pattern NEGATED_QUESTION = Pattern.compile(
            "^(is|are|was|were|does|do|did|can|could|should|has|have|will|would)(n't\\b| not\\b|( (?!when|that|who|which|if|whether)[\\w-]+){1,4} not\\b)");

    private final List<LabelingFunction> functions;
    private final String hash;

    /** @throws IllegalArgumentException when two functions share an id */
    public LabelingFunctions(List<LabelingFunction> functions) {
        this.functions = List.copyOf(functions);
        Set<String> ids = new HashSet<>();
        for (LabelingFunction f : this.functions) {
            if (!ids.add(f.id())) throw new IllegalArgumentException("two labeling functions share the id " + f.id());
        }
        this.hash = hashOf(this.functions);
    }

    /** The functions, in voting order. */
    public List<LabelingFunction> functions() {
        return functions;
    }

    /** Their ids, in voting order. */
    public List<String> ids() {
        return functions.stream().map(LabelingFunction::id).toList();
    }

    /** The set's version: the first {@value #HASH_PREFIX} hex characters of the SHA-256 over every definition. */
    public String hash() {
        return hash;
    }

    /** Every function's vote on one input, plus the input's reasons (and {@value #QUESTION_NEGATED} when flipped). */
    public VoteSet apply(LfInput input) {
        boolean flip = questionNegated(input.question());
        List<Vote> votes = new ArrayList<>(functions.size());
        for (LabelingFunction f : functions) {
            Vote v = f.vote(input);
            // Only rules over the answer flip; a rule over the question already read its negation.
            votes.add(flip && f.readsAnswer() ? flipped(v) : v);
        }
        List<String> reasons = new ArrayList<>(input.reasons());
        if (flip) reasons.add(QUESTION_NEGATED);
        return new VoteSet(input.id(), votes, reasons);
    }

    /** True when the question proper is negated (see {@link #NEGATED_QUESTION}). */
    static boolean questionNegated(String normalisedQuestion) {
        String q = normalisedQuestion.substring(normalisedQuestion.lastIndexOf(": ") + 1).strip();
        return NEGATED_QUESTION.matcher(q).find();
    }

    private static Vote flipped(Vote v) {
        if (v.abstained() || "maybe".equals(v.label())) return v;
        String other = "yes".equals(v.label()) ? "no" : "yes";
        return Vote.of(v.voter(), other, v.reason() + " (flipped: negated question)");
    }

    static String hashOf(List<LabelingFunction> functions) {
        StringBuilder b = new StringBuilder();
        for (LabelingFunction f : functions) b.append(f.id()).append('\t').append(f.definition()).append('\n');
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, HASH_PREFIX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
