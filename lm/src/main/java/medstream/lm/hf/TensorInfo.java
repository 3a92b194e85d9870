package medstream.lm.hf;

import java.util.Arrays;

/**
 * One tensor's entry in a safetensors header.
 *
 * @param name the key
 * @param dtype element type
 * @param shape dimensions (empty for a scalar)
 * @param begin first byte, relative to the end of the header
 * @param end one past the last byte, relative to the end of the header
 */
public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {

    /** Number of elements. */
    public long elements() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Checks that the byte range matches the shape and dtype and lies within {@code dataBytes}. */
    void validate(long dataBytes, Object file) {
        long expected = Math.multiplyExact(elements(), dtype.bytes());
        if (begin < 0 || end < begin || end - begin != expected || end > dataBytes) {
            throw new IllegalArgumentException(file + ": tensor '" + name + "' (" + dtype + " " + Arrays.toString(shape)
                    + ") has data_offsets [" + begin + ", " + end + "] but needs " + expected + " bytes within the "
                    + dataBytes + " data bytes; the file is truncated or not safetensors (download it again)");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && begin == t.begin && end == t.end;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape) + " @[" + begin + ", " + end + ")";
    }
}
