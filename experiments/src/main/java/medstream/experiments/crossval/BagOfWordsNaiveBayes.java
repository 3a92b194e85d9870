package medstream.experiments.crossval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A multinomial naive Bayes classifier over lower-cased word unigrams and bigrams, with Laplace (add-alpha) smoothing
 * and log class priors. Pure and deterministic.
 *
 * <p>This is a <em>reference</em>, not a labeler strategy: the labeler never uses it. It exists so that the
 * cross-validation of the labeler's small language model can say what is learnable from a PQA-L fold's 450 training
 * items at all. A model that stays below the majority class could be too small, badly trained, or facing a task whose
 * 450 items carry no learnable signal; word counts over the same text, trained and scored on the same folds, tell
 * these apart cheaply (seconds, no model, no GPU).
 *
 * <p>Features: maximal runs of letters and digits, lower-cased with {@link Locale#ROOT}, each one a unigram and each
 * adjacent pair a bigram ({@code "w1 w2"}), counted with multiplicity. A feature seen in no training text is ignored
 * when classifying (it carries no evidence for any class), so a text of unseen words gets the prior.
 */
public final class BagOfWordsNaiveBayes {
    /** Laplace smoothing: one pseudo-count per feature and class. */
    public static final double LAPLACE = 1.0;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private final List<String> classes;
    private final double[] logPrior;
    /** feature -> log P(feature | class), indexed like {@link #classes}. */
    private final Map<String, double[]> logLikelihood;

    private BagOfWordsNaiveBayes(List<String> classes, double[] logPrior, Map<String, double[]> logLikelihood) {
        this.classes = classes;
        this.logPrior = logPrior;
        this.logLikelihood = logLikelihood;
    }

    /**
     * Counts the features of labeled texts.
     *
     * @param texts  training texts
     * @param labels their labels, one per text
     * @param alpha  additive smoothing, &gt; 0 ({@link #LAPLACE} = 1)
     * @throws IllegalArgumentException on no texts, a size mismatch, a null label or a non-positive alpha
     */
    public static BagOfWordsNaiveBayes train(List<String> texts, List<String> labels, double alpha) {
        if (texts.isEmpty() || texts.size() != labels.size()) {
            throw new IllegalArgumentException("need one label per text and at least one text, got " + texts.size()
                    + " texts and " + labels.size() + " labels");
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("smoothing alpha must be finite and > 0 (1 = Laplace), got " + alpha);
        }
        if (labels.stream().anyMatch(Objects::isNull)) throw new IllegalArgumentException("a training text has no label; drop it first");
        List<String> classes = List.copyOf(new TreeSet<>(labels));
        Map<String, Integer> classIndex = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) classIndex.put(classes.get(c), c);

        int[] documents = new int[classes.size()];
        double[] tokens = new double[classes.size()];
        Map<String, double[]> counts = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            int c = classIndex.get(labels.get(i));
            documents[c]++;
            for (String f : features(texts.get(i))) {
                counts.computeIfAbsent(f, k -> new double[classes.size()])[c]++;
                tokens[c]++;
            }
        }
        double[] logPrior = new double[classes.size()];
        double[] logDenominator = new double[classes.size()];
        for (int c = 0; c < classes.size(); c++) {
            logPrior[c] = Math.log((double) documents[c] / texts.size());
            logDenominator[c] = Math.log(tokens[c] + alpha * counts.size());
        }
        Map<String, double[]> logLikelihood = new HashMap<>(counts.size() * 2);
        counts.forEach((f, n) -> {
            double[] l = new double[n.length];
            for (int c = 0; c < n.length; c++) l[c] = Math.log(n[c] + alpha) - logDenominator[c];
            logLikelihood.put(f, l);
        });
        return new BagOfWordsNaiveBayes(classes, logPrior, logLikelihood);
    }

    /** The unigrams and then the bigrams of a text, in text order, with repeats (see the class comment). */
    public static List<String> features(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
        while (m.find()) words.add(m.group());
        List<String> out = new ArrayList<>(Math.max(0, 2 * words.size() - 1));
        out.addAll(words);
        for (int i = 1; i < words.size(); i++) out.add(words.get(i - 1) + " " + words.get(i));
        return out;
    }

    /** The classes seen in training, sorted. */
    public List<String> classes() {
        return classes;
    }

    /** Distinct features seen in training (the vocabulary the smoothing spreads over). */
    public int vocabularySize() {
        return logLikelihood.size();
    }

    /** The posterior over the classes of a text. */
    public Posterior classify(String text) {
        double[] score = logPrior.clone();
        for (String f : features(text)) {
            double[] l = logLikelihood.get(f);
            if (l == null) continue;
            for (int c = 0; c < score.length; c++) score[c] += l[c];
        }
        // Normalise in log space: a long abstract sums hundreds of log-likelihoods, far below exp's range.
        double max = Double.NEGATIVE_INFINITY;
        for (double s : score) max = Math.max(max, s);
        double sum = 0;
        for (double s : score) sum += Math.exp(s - max);
        Map<String, Double> p = new LinkedHashMap<>();
        int best = 0;
        for (int c = 0; c < score.length; c++) {
            p.put(classes.get(c), Math.exp(score[c] - max) / sum);
            // An exact tie goes to the class with the larger prior, then the first in sorted order.
            if (score[c] > score[best] || (score[c] == score[best] && logPrior[c] > logPrior[best])) best = c;
        }
        return new Posterior(classes.get(best), p);
    }

    /**
     * A classified text.
     *
     * @param label         the most probable class
     * @param probabilities P(class | text) per class, in {@link #classes()} order; they sum to 1
     */
    public record Posterior(String label, Map<String, Double> probabilities) {
        /** Copies. */
        public Posterior {
            probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
        }

        /** The probability of {@link #label}: the classifier's confidence. */
        public double confidence() {
            return probabilities.get(label);
        }
    }
}
