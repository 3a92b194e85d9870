package medstream.lm.hf;

import java.nio.ByteBuffer;

/**
 * The safetensors element types this project reads. BF16 and F16 are widened to float in Java, because DJL's
 * PyTorch engine has no bfloat16 arrays; both widenings are exact (every bf16 and f16 value is a float).
 */
public enum DType {
    /** IEEE float32. */
    F32(4),
    /** IEEE float16 (half). */
    F16(2),
    /** bfloat16: the upper 16 bits of a float32. */
    BF16(2);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The type named in a safetensors header. */
    public static DType parse(String name, String tensor, Object file) {
        for (DType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException(file + ": tensor '" + tensor + "' has dtype " + name
                + "; only F32, F16 and BF16 are read (convert the checkpoint with torch: model.float())");
    }

    /** Reads {@code n} elements of this type from a little-endian buffer into {@code out} at {@code at}. */
    void read(ByteBuffer in, float[] out, int at, int n) {
        switch (this) {
            case F32 -> in.asFloatBuffer().get(out, at, n);
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    out[at + i] = bf16ToFloat(in.getShort(i * 2));
                }
            }
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out[at + i] = f16ToFloat(in.getShort(i * 2));
                }
            }
            default -> throw new IllegalStateException(name());
        }
    }

    /** bfloat16 bits to float: exact, the bits are the float's upper half. */
    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** float to bfloat16 bits, rounding to nearest even as torch does; NaN stays a (quiet) NaN. */
    public static short floatToBf16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    /** IEEE half bits to float, subnormals, infinities and NaN included (Java 17 has no Float.float16ToFloat). */
    public static float f16ToFloat(short half) {
        int h = half & 0xFFFF;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        if (exp == 0) {
            // subnormal (or zero): mant * 2^-24, exact in float
            float magnitude = mant * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }
}
