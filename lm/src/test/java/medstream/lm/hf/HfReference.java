package medstream.lm.hf;

import java.util.Map;

/**
 * A plain-Java double-precision forward pass of a Qwen2 / Llama decoder, written from HF's modeling code and
 * independent of the DJL implementation (its own rotary frequencies, loops instead of tensor ops), to check it.
 */
public final class HfReference {

    private final HfConfig c;
    private final Map<String, HostTensor> w;
    private final double[] invFreq;

    /** A reference over the given weights (read, not copied: a test may perturb them between calls). */
    public HfReference(HfConfig config, Map<String, HostTensor> weights) {
        this.c = config;
        this.w = weights;
        int half = config.headDim() / 2;
        invFreq = new double[half];
        for (int i = 0; i < half; i++) {
            double f = 1.0 / Math.pow(config.ropeTheta(), 2.0 * i / config.headDim());
            RopeScaling s = config.ropeScaling();
            if (s != null) {
                double wavelength = 2 * Math.PI / f;
                double lowFreqWavelength = s.originalMaxPositionEmbeddings() / s.lowFreqFactor();
                double highFreqWavelength = s.originalMaxPositionEmbeddings() / s.highFreqFactor();
                if (wavelength > lowFreqWavelength) {
                    f = f / s.factor();
                } else if (wavelength >= highFreqWavelength) {
                    double t = (s.originalMaxPositionEmbeddings() / wavelength - s.lowFreqFactor())
                            / (s.highFreqFactor() - s.lowFreqFactor());
                    f = (1 - t) * f / s.factor() + t * f;
                }
            }
            invFreq[i] = f;
        }
    }

    /** Logits [T][V] of a sequence. */
    public double[][] logits(int[] tokens) {
        int n = tokens.length;
        int d = c.hiddenSize();
        double[][] x = new double[n][d];
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < d; i++) {
                x[t][i] = get("model.embed_tokens.weight", (long) tokens[t] * d + i);
            }
        }
        for (int layer = 0; layer < c.layers(); layer++) {
            String p = "model.layers." + layer + ".";
            double[][] attn = attention(norm(x, p + "input_layernorm.weight"), p);
            addInto(x, linear(attn, p + "self_attn.o_proj"));
            double[][] h = norm(x, p + "post_attention_layernorm.weight");
            double[][] gate = linear(h, p + "mlp.gate_proj");
            double[][] up = linear(h, p + "mlp.up_proj");
            for (int t = 0; t < n; t++) {
                for (int i = 0; i < gate[t].length; i++) {
                    double g = gate[t][i];
                    gate[t][i] = g / (1 + Math.exp(-g)) * up[t][i];
                }
            }
            addInto(x, linear(gate, p + "mlp.down_proj"));
        }
        String head = c.tieWordEmbeddings() ? "model.embed_tokens.weight" : "lm_head.weight";
        return matmulT(norm(x, "model.norm.weight"), head, c.vocabSize(), null);
    }

    private double[][] attention(double[][] x, String p) {
        int n = x.length;
        int dh = c.headDim();
        int group = c.heads() / c.kvHeads();
        double[][] q = rope(linear(x, p + "self_attn.q_proj"), c.heads());
        double[][] k = rope(linear(x, p + "self_attn.k_proj"), c.kvHeads());
        double[][] v = linear(x, p + "self_attn.v_proj");
        double[][] out = new double[n][c.heads() * dh];
        for (int h = 0; h < c.heads(); h++) {
            int kh = h / group; // query heads h*group.. share KV head kh, as repeat_kv lays them out
            for (int t = 0; t < n; t++) {
                double[] s = new double[t + 1];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j <= t; j++) {
                    double dot = 0;
                    for (int i = 0; i < dh; i++) {
                        dot += q[t][h * dh + i] * k[j][kh * dh + i];
                    }
                    s[j] = dot / Math.sqrt(dh);
                    max = Math.max(max, s[j]);
                }
                double sum = 0;
                for (int j = 0; j <= t; j++) {
                    s[j] = Math.exp(s[j] - max);
                    sum += s[j];
                }
                for (int j = 0; j <= t; j++) {
                    for (int i = 0; i < dh; i++) {
                        out[t][h * dh + i] += s[j] / sum * v[j][kh * dh + i];
                    }
                }
            }
        }
        return out;
    }

    /** Rotates pairs (i, i + Dh/2) of each head by position * invFreq[i]. */
    private double[][] rope(double[][] x, int heads) {
        int dh = c.headDim();
        int half = dh / 2;
        for (int t = 0; t < x.length; t++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < half; i++) {
                    double a = t * invFreq[i];
                    double x1 = x[t][h * dh + i];
                    double x2 = x[t][h * dh + half + i];
                    x[t][h * dh + i] = x1 * Math.cos(a) - x2 * Math.sin(a);
                    x[t][h * dh + half + i] = x2 * Math.cos(a) + x1 * Math.sin(a);
                }
            }
        }
        return x;
    }

    private double[][] norm(double[][] x, String weight) {
        double[][] out = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            double ms = 0;
            for (double v : x[t]) {
                ms += v * v;
            }
            double scale = 1 / Math.sqrt(ms / x[t].length + c.rmsNormEps());
            out[t] = new double[x[t].length];
            for (int i = 0; i < x[t].length; i++) {
                out[t][i] = x[t][i] * scale * get(weight, i);
            }
        }
        return out;
    }

    private double[][] linear(double[][] x, String prefix) {
        HostTensor weight = w.get(prefix + ".weight");
        return matmulT(x, prefix + ".weight", (int) weight.shape()[0], w.get(prefix + ".bias"));
    }

    /** x [T, in] times W [out, in] transposed, plus bias. */
    private double[][] matmulT(double[][] x, String weight, int outDim, HostTensor bias) {
        int in = x[0].length;
        double[][] out = new double[x.length][outDim];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < outDim; o++) {
                double s = bias == null ? 0 : bias.data()[o];
                for (int i = 0; i < in; i++) {
                    s += x[t][i] * get(weight, (long) o * in + i);
                }
                out[t][o] = s;
            }
        }
        return out;
    }

    private double get(String name, long index) {
        return w.get(name).data()[(int) index];
    }

    private static void addInto(double[][] x, double[][] y) {
        for (int t = 0; t < x.length; t++) {
            for (int i = 0; i < x[t].length; i++) {
                x[t][i] += y[t][i];
            }
        }
    }

    /** Mean cross-entropy of predicting tokens[t + 1] from position t. */
    public double loss(int[] tokens) {
        double[][] logits = logits(tokens);
        double sum = 0;
        for (int t = 0; t + 1 < tokens.length; t++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : logits[t]) {
                max = Math.max(max, v);
            }
            double z = 0;
            for (double v : logits[t]) {
                z += Math.exp(v - max);
            }
            sum += max + Math.log(z) - logits[t][tokens[t + 1]];
        }
        return sum / (tokens.length - 1);
    }
}
