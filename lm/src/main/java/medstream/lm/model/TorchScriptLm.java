package medstream.lm.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import medstream.lm.GenerationConfig;
import medstream.lm.Generator;
import medstream.lm.LanguageModel;
import medstream.lm.Score;
import medstream.lm.Scorer;

/**
 * A causal language model exported to TorchScript (e.g. a traced Hugging Face GPT-2 or nanoGPT), behind
 * the same scoring and generation interface as {@link CausalLm}. The module's {@code forward} must take
 * token ids [B, T] int64 and return logits [B, T, V] (alone or as the first element of a tuple).
 *
 * <p>The module is a black box, so there is no key/value cache: scoring runs right-padded batches (a causal
 * model never looks at the padding after a token) and generation recomputes each row's whole sequence every
 * step. Good for checking our model against a reference, or for a small exported model; slow for long
 * generations. Tokenization stays outside (token ids in, token ids out).
 */
public final class TorchScriptLm implements LanguageModel {

    private final Model model;
    private final Block block;
    private final int vocabSize;
    private final int context;

    private TorchScriptLm(Model model, int vocabSize, int context) {
        this.model = model;
        this.block = model.getBlock();
        this.vocabSize = vocabSize;
        this.context = context;
    }

    /**
     * Loads a TorchScript file.
     *
     * @param file the {@code .pt} file written by {@code torch.jit.save}
     * @param vocabSize size of the output layer
     * @param context longest sequence the module accepts
     * @param device where to run
     * @return the model; close it when done
     * @throws IOException if the file cannot be read or is not TorchScript
     */
    public static TorchScriptLm load(Path file, int vocabSize, int context, Device device) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no TorchScript file at " + file + "; export one with torch.jit.trace(...).save(path)");
        }
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(".pt") ? fileName.substring(0, fileName.length() - 3) : fileName;
        Devices.engine(); // loads libtorch the way the rest of the module does
        Model model = Model.newInstance(name, device, Devices.ENGINE);
        try {
            model.load(file.toAbsolutePath().getParent(), name);
            return new TorchScriptLm(model, vocabSize, context);
        } catch (MalformedModelException | IOException | RuntimeException e) {
            model.close();
            throw new IOException("cannot load TorchScript model " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public int contextLength() {
        return context;
    }

    /**
     * Logits of one sequence at every position.
     *
     * @param tokens token ids
     * @return logits [T][V]
     */
    public float[][] logits(int[] tokens) {
        Tokens.check(tokens, vocabSize, "sequence");
        try (NoGrad ignored = NoGrad.enter(); NDManager scope = model.getNDManager().newSubManager()) {
            float[] flat = forward(scope, CausalLm.toLongs(tokens), 1, tokens.length).toFloatArray();
            float[][] out = new float[tokens.length][vocabSize];
            for (int i = 0; i < tokens.length; i++) {
                System.arraycopy(flat, i * vocabSize, out[i], 0, vocabSize);
            }
            return out;
        }
    }

    @Override
    public Scorer scorer() {
        return new Scorer() {
            @Override
            public List<Score> score(List<int[]> prompts, List<int[]> continuations) {
                return scorePairs(prompts, continuations);
            }

            @Override
            public List<Score> scoreOptions(int[] prompt, List<int[]> options) {
                List<int[]> prompts = new ArrayList<>();
                for (int i = 0; i < options.size(); i++) {
                    prompts.add(prompt);
                }
                return scorePairs(prompts, options);
            }
        };
    }

    @Override
    public Generator generator() {
        return this::generate;
    }

    @Override
    public void close() {
        model.close();
    }

    /** Logits [B, T, V] of a batch of ids; the module's first output. */
    private NDArray forward(NDManager scope, long[] ids, int rows, int length) {
        NDArray x = scope.create(ids, new Shape(rows, length));
        NDList out = block.forward(new ParameterStore(scope, false), new NDList(x), false);
        NDArray logits = out.get(0);
        if (logits.getShape().dimension() != 3 || logits.getShape().get(2) != vocabSize) {
            throw new IllegalStateException("the TorchScript module returned " + logits.getShape() + " but logits [B, T, "
                    + vocabSize + "] were expected; is vocabSize right and does forward return logits first?");
        }
        return logits;
    }

    private List<Score> scorePairs(List<int[]> prompts, List<int[]> continuations) {
        if (prompts.size() != continuations.size()) {
            throw new IllegalArgumentException("got " + prompts.size() + " prompts but " + continuations.size()
                    + " continuations; pass one continuation per prompt");
        }
        List<Score> scores = new ArrayList<>();
        int batch = 8;
        for (int start = 0; start < prompts.size(); start += batch) {
            int end = Math.min(prompts.size(), start + batch);
            int[][] sequences = new int[end - start][];
            int[] first = new int[end - start];
            int longest = 0;
            for (int i = start; i < end; i++) {
                int[] cont = continuations.get(i);
                Tokens.check(prompts.get(i), vocabSize, "prompt");
                Tokens.check(cont, vocabSize, "continuation");
                if (cont.length > context) {
                    throw new IllegalArgumentException("continuation " + i + " is longer than the context " + context);
                }
                int[] prompt = Tokens.tail(prompts.get(i), context - cont.length + 1);
                sequences[i - start] = Tokens.concat(prompt, cont);
                first[i - start] = prompt.length;
                longest = Math.max(longest, sequences[i - start].length - 1);
            }
            long[] ids = new long[sequences.length * longest];
            for (int r = 0; r < sequences.length; r++) {
                for (int t = 0; t < sequences[r].length - 1; t++) {
                    ids[r * longest + t] = sequences[r][t];
                }
            }
            float[] logProbs;
            try (NoGrad ignored = NoGrad.enter(); NDManager scope = model.getNDManager().newSubManager()) {
                logProbs = forward(scope, ids, sequences.length, longest).logSoftmax(-1).toFloatArray();
            }
            for (int r = 0; r < sequences.length; r++) {
                double sum = 0;
                for (int t = first[r] - 1; t < sequences[r].length - 1; t++) {
                    sum += logProbs[(r * longest + t) * vocabSize + sequences[r][t + 1]];
                }
                scores.add(new Score(sum, sequences[r].length - first[r]));
            }
        }
        return scores;
    }

    /**
     * All prompts decoded together: each step runs the rows right-padded to the longest (a causal model never
     * looks at the padding after a token) and takes every row's logits at its own last token. Without a cache
     * each step reruns the whole sequences. Tokens are chosen as {@link CausalLm}'s generator does (same argmax,
     * same draws of the seeded generator), so the same weights give the same tokens.
     */
    private List<int[]> generate(List<int[]> prompts, GenerationConfig config) {
        if (config.maxNewTokens() >= context) {
            throw new IllegalArgumentException("maxNewTokens " + config.maxNewTokens()
                    + " leaves no room for a prompt in the model context " + context);
        }
        int b = prompts.size();
        if (b == 0) {
            return List.of();
        }
        int[][] rows = new int[b][];
        int[] length = new int[b];
        for (int r = 0; r < b; r++) {
            Tokens.check(prompts.get(r), vocabSize, "prompt");
            int[] kept = Tokens.tail(prompts.get(r), context - config.maxNewTokens());
            rows[r] = Arrays.copyOf(kept, kept.length + config.maxNewTokens());
            length[r] = kept.length;
        }
        SplittableRandom rng = new SplittableRandom(config.seed());
        List<List<Integer>> generated = new ArrayList<>();
        for (int r = 0; r < b; r++) {
            generated.add(new ArrayList<>());
        }
        boolean[] done = new boolean[b];
        for (int step = 0; step < config.maxNewTokens(); step++) {
            int longest = Arrays.stream(length).max().orElse(0);
            long[] ids = new long[b * longest];
            for (int r = 0; r < b; r++) {
                for (int t = 0; t < length[r]; t++) {
                    ids[r * longest + t] = rows[r][t];
                }
            }
            int[] next;
            try (NoGrad ignored = NoGrad.enter(); NDManager scope = model.getNDManager().newSubManager()) {
                NDArray logits = forward(scope, ids, b, longest); // [B, T, V]
                NDList last = new NDList(b);
                for (int r = 0; r < b; r++) {
                    last.add(logits.get(new NDIndex(r + ", " + (length[r] - 1) + ", :"))); // [V]
                }
                next = CausalLmGenerator.choose(NDArrays.stack(last), config, rng); // from [B, V]
            }
            boolean allDone = CausalLmGenerator.appendChosen(next, done, generated, config);
            for (int r = 0; r < b; r++) {
                rows[r][length[r]++] = next[r];
            }
            if (allDone) {
                break;
            }
        }
        List<int[]> out = new ArrayList<>(b);
        for (List<Integer> g : generated) {
            out.add(g.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }
}
