package medstream.lm.hf;

import java.util.Arrays;

/**
 * A float tensor in Java memory, row-major: what is read from and written to safetensors files.
 *
 * @param shape dimensions
 * @param data elements, row-major, as many as the shape holds
 */
public record HostTensor(long[] shape, float[] data) {

    /** Checks that the data fills the shape. */
    public HostTensor {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " elements but "
                    + data.length + " were given");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "HostTensor" + Arrays.toString(shape);
    }
}
