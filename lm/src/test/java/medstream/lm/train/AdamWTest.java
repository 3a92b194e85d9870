package medstream.lm.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import medstream.lm.model.Devices;
import medstream.lm.model.NoGrad;
import org.junit.jupiter.api.Test;

class AdamWTest {

    @Test
    void givenKnownGradients_whenUpdating_thenParametersFollowTorchAdamWFormula() {
        OptimizerConfig config = new OptimizerConfig(0.9, 0.95, 1e-8, 0.1, 0, true);
        float[] w0 = {0.5f, -0.25f, 1.0f, 2.0f};
        float[] bias0 = {0.1f, -0.1f};
        float[][] gradsW = {{0.1f, -0.2f, 0.3f, 0.0f}, {-0.05f, 0.1f, 0.2f, 1.0f}, {0.3f, 0.3f, -0.3f, 0.01f}};
        float[][] gradsB = {{1f, -1f}, {0.5f, 0.5f}, {-2f, 0.1f}};
        double lr = 0.01;

        try (NDManager manager = Devices.engine().newBaseManager(Device.cpu()); NoGrad ignored = NoGrad.enter()) {
            NDArray w = manager.create(w0, new ai.djl.ndarray.types.Shape(2, 2));
            NDArray b = manager.create(bias0);
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("h.0.attn.q.weight", w);
            params.put("h.0.attn.q.bias", b);
            try (AdamW adamW = new AdamW(params, config, manager.newSubManager())) {
                for (int step = 0; step < gradsW.length; step++) {
                    try (NDManager scope = manager.newSubManager()) {
                        adamW.attachTo(scope);
                        Map<String, NDArray> grads = Map.of("h.0.attn.q.weight", scope.create(gradsW[step],
                                new ai.djl.ndarray.types.Shape(2, 2)), "h.0.attn.q.bias", scope.create(gradsB[step]));
                        adamW.update(grads, lr, 1.0);
                    }
                }
                assertThat(adamW.step()).isEqualTo(3);
                assertThat(adamW.decays("h.0.attn.q.weight")).isTrue();
                assertThat(adamW.decays("h.0.attn.q.bias")).isFalse();
            }
            assertClose(w.toFloatArray(), reference(w0, gradsW, lr, config, true));
            assertClose(b.toFloatArray(), reference(bias0, gradsB, lr, config, false));
        }
    }

    /** torch.optim.AdamW's update, one scalar at a time, in double precision. */
    private static double[] reference(float[] init, float[][] grads, double lr, OptimizerConfig c, boolean decay) {
        double[] p = new double[init.length];
        double[] m = new double[init.length];
        double[] v = new double[init.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = init[i];
        }
        for (int t = 1; t <= grads.length; t++) {
            for (int i = 0; i < p.length; i++) {
                double g = grads[t - 1][i];
                if (decay) {
                    p[i] *= 1 - lr * c.weightDecay();
                }
                m[i] = c.beta1() * m[i] + (1 - c.beta1()) * g;
                v[i] = c.beta2() * v[i] + (1 - c.beta2()) * g * g;
                double mHat = m[i] / (1 - Math.pow(c.beta1(), t));
                double vHat = v[i] / (1 - Math.pow(c.beta2(), t));
                p[i] -= lr * mHat / (Math.sqrt(vHat) + c.eps());
            }
        }
        return p;
    }

    private static void assertClose(float[] actual, double[] expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < actual.length; i++) {
            assertThat((double) actual[i]).as("element %d", i).isCloseTo(expected[i], within(1e-6));
        }
    }
}
