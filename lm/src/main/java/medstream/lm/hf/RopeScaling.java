package medstream.lm.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Llama-3's rotary frequency scaling ({@code rope_type: llama3}): wavelengths longer than
 * {@code originalMaxPositionEmbeddings / lowFreqFactor} are divided by {@code factor}, shorter than
 * {@code original / highFreqFactor} are kept, and the band between is interpolated smoothly, as in HF's
 * {@code _compute_llama3_parameters}.
 *
 * @param factor how much longer the context is than the original
 * @param lowFreqFactor low-frequency boundary
 * @param highFreqFactor high-frequency boundary
 * @param originalMaxPositionEmbeddings context the model was pretrained with
 */
public record RopeScaling(double factor, double lowFreqFactor, double highFreqFactor,
        int originalMaxPositionEmbeddings) {

    /**
     * The inverse frequencies of rotary embeddings, {@code theta^(-2i/d)} for i below d/2, scaled when
     * {@code scaling} is not null. Computed in double; the model rounds them to float as torch does.
     *
     * @param headDim rotary dimension d
     * @param theta rope_theta
     * @param scaling Llama-3 scaling, or null
     * @return d/2 inverse frequencies
     */
    public static double[] inverseFrequencies(int headDim, double theta, RopeScaling scaling) {
        double[] inv = new double[headDim / 2];
        for (int i = 0; i < inv.length; i++) {
            // torch: 1 / theta ** (arange(0, d, 2).float() / d), with the exponent a float
            inv[i] = 1.0 / Math.pow(theta, (float) (2.0 * i / headDim));
        }
        return scaling == null ? inv : scaling.apply(inv);
    }

    private double[] apply(double[] inv) {
        double lowWavelen = originalMaxPositionEmbeddings / lowFreqFactor;
        double highWavelen = originalMaxPositionEmbeddings / highFreqFactor;
        double[] out = new double[inv.length];
        for (int i = 0; i < inv.length; i++) {
            double wavelen = 2 * Math.PI / inv[i];
            if (wavelen > lowWavelen) {
                out[i] = inv[i] / factor;
            } else if (wavelen < highWavelen) {
                out[i] = inv[i];
            } else {
                double smooth = (originalMaxPositionEmbeddings / wavelen - lowFreqFactor)
                        / (highFreqFactor - lowFreqFactor);
                out[i] = (1 - smooth) * inv[i] / factor + smooth * inv[i];
            }
        }
        return out;
    }

    /** Parses a rope_scaling / rope_parameters object; null for none or the default type. */
    static RopeScaling parse(JsonNode node, String source) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        String type = node.path("rope_type").asText(node.path("type").asText("default"));
        if ("default".equals(type)) {
            return null;
        }
        if (!"llama3".equals(type)) {
            throw new IllegalArgumentException(source + ": rope type '" + type + "' is not supported (default and"
                    + " llama3 are); remove rope_scaling to run within the original context");
        }
        return new RopeScaling(node.path("factor").asDouble(8.0), node.path("low_freq_factor").asDouble(1.0),
                node.path("high_freq_factor").asDouble(4.0),
                node.path("original_max_position_embeddings").asInt(8192));
    }

    void write(ObjectNode node) {
        node.put("rope_type", "llama3").put("factor", factor).put("low_freq_factor", lowFreqFactor)
                .put("high_freq_factor", highFreqFactor)
                .put("original_max_position_embeddings", originalMaxPositionEmbeddings);
    }
}
