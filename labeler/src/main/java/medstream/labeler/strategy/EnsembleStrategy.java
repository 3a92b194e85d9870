package medstream.labeler.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import medstream.labeler.core.LabelInput;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.prompt.PromptTemplate;

/**
 * {@code ensemble}: runs its member strategies (each batched over all inputs) and averages their option
 * probabilities. The strategies agree when every member's most probable option is the same; routing
 * accepts only agreeing results. {@code long-answer} skips inputs without a conclusion instead of forcing
 * them to REVIEW; a self-consistency member without any vote is left out of that input's average.
 */
public final class EnsembleStrategy implements LabelingStrategy {
    private final List<LabelingStrategy> members;

    /** @param members the strategies to combine, at least one, no nested ensembles */
    public EnsembleStrategy(List<LabelingStrategy> members) {
        if (members.isEmpty()) throw new IllegalArgumentException("an ensemble needs at least one member strategy");
        for (LabelingStrategy m : members) {
            if (m instanceof EnsembleStrategy) throw new IllegalArgumentException("an ensemble cannot contain an ensemble");
        }
        this.members = List.copyOf(members);
    }

    @Override public String name() { return "ensemble"; }

    @Override public boolean usesContext() { return members.stream().anyMatch(LabelingStrategy::usesContext); }

    /** The members, in order. */
    public List<LabelingStrategy> members() { return members; }

    @Override
    public List<PromptTemplate> templates() {
        List<PromptTemplate> all = new ArrayList<>();
        members.forEach(m -> all.addAll(m.templates()));
        return all;
    }

    @Override
    public int tokensBesidesContext(LabelInput input, LabelingModel model) {
        int max = 0;
        for (LabelingStrategy m : members) if (applies(m, input)) max = Math.max(max, m.tokensBesidesContext(input, model));
        return max;
    }

    @Override
    public List<StrategyResult> label(List<LabelInput> inputs, LabelingModel model) {
        // memberResults[m][i]: result of member m for input i, or null where the member does not apply.
        List<StrategyResult[]> memberResults = new ArrayList<>();
        for (LabelingStrategy m : members) {
            List<Integer> idx = new ArrayList<>();
            List<LabelInput> mine = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                if (applies(m, inputs.get(i))) {
                    idx.add(i);
                    mine.add(inputs.get(i));
                }
            }
            StrategyResult[] row = new StrategyResult[inputs.size()];
            if (!mine.isEmpty()) {
                List<StrategyResult> rs = m.label(mine, model);
                for (int k = 0; k < idx.size(); k++) row[idx.get(k)] = rs.get(k);
            }
            memberResults.add(row);
        }
        List<StrategyResult> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) out.add(combine(inputs.get(i), i, memberResults));
        return out;
    }

    private StrategyResult combine(LabelInput in, int i, List<StrategyResult[]> memberResults) {
        double[] mean = new double[in.options().size()];
        int used = 0;
        List<String> answers = new ArrayList<>();
        java.util.Set<String> labels = new java.util.HashSet<>();
        List<String> explanations = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            StrategyResult r = memberResults.get(m)[i];
            if (r == null) continue;
            if (r.reviewReasons().contains(SelfConsistencyStrategy.NO_VOTES)) continue;
            reasons.addAll(r.reviewReasons());
            for (int k = 0; k < mean.length; k++) mean[k] += r.probabilities()[k];
            used++;
            labels.add(r.label());
            answers.add(r.strategy() + "=" + r.label() + String.format(Locale.ROOT, "(%.2f)", r.confidence()));
            explanations.addAll(r.explanations());
        }
        if (used == 0) {
            throw new IllegalStateException("no ensemble member produced a result for request " + in.id());
        }
        for (int k = 0; k < mean.length; k++) mean[k] /= used;
        boolean agree = labels.size() <= 1;
        return new StrategyResult(name(), in.options(), mean, explanations, promptTemplateHash(),
                agree ? List.of() : answers, reasons);
    }

    private static boolean applies(LabelingStrategy m, LabelInput in) {
        return !(m instanceof LongAnswerStrategy) || in.hasLongAnswer();
    }
}
