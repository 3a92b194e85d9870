package medstream.cleaning.dedup;

import java.util.SplittableRandom;

import medstream.cleaning.CleaningConfig.DedupConfig;

/**
 * MinHash signatures and LSH band keys, pure functions of a text.
 *
 * <p>Permutation i is {@code x -> a_i * x + b_i (mod 2^64)} with odd {@code a_i}: a bijection of the 64-bit shingle
 * hashes, which are already well mixed, so the minimum over a document's shingles behaves as a min-wise hash at
 * one multiply-add per shingle and permutation. The coefficients come from a fixed seed: signatures are persisted in
 * the signature store (the band index is rebuilt from them) and must mean the same after a restart or an upgrade.
 * Changing {@link #SEED}, the shingling or the permutation count invalidates existing signature stores. Thread-safe.
 */
public final class MinHasher {

    /** Seed of the permutation coefficients; part of the persisted format. */
    public static final long SEED = 0x5EED_C1EA_4E55_0001L;

    private final DedupConfig config;
    private final long[] a;
    private final long[] b;

    /** A hasher for the given permutations, bands and shingle sizes. */
    public MinHasher(DedupConfig config) {
        this.config = config;
        this.a = new long[config.permutations()];
        this.b = new long[config.permutations()];
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextLong() | 1L;
            b[i] = random.nextLong();
        }
    }

    /** The configuration. */
    public DedupConfig config() {
        return config;
    }

    /**
     * The MinHash signature of a text.
     *
     * @param text normalised text
     * @param cjk  character shingles (Chinese) instead of word shingles
     * @return {@code permutations} values; all {@code Long.MAX_VALUE} for a text without letters or digits
     */
    public long[] signature(String text, boolean cjk) {
        // A minimum over the shingles does not depend on their order or repeats, so the sorting and de-duplication
        // of Shingles.of would be wasted here.
        int k = cjk ? config.shingleChars() : config.shingleWords();
        return signature(Shingles.inTextOrder(Shingles.units(text, cjk), k));
    }

    /** The MinHash signature of a set of shingle hashes (any order; repeats do not change it). */
    public long[] signature(long[] shingles) {
        // Permutation-major, four permutations per pass over the shingles: each shingle is loaded once for four
        // independent multiply-add-min chains (instruction-level parallelism; one chain per pass was bound by the
        // latency of its running minimum). This loop is the largest single CPU cost of dedup. The result is
        // identical to any other order, since min is order-independent.
        long[] sig = new long[a.length];
        int i = 0;
        for (; i + 4 <= sig.length; i += 4) {
            long a0 = a[i];
            long a1 = a[i + 1];
            long a2 = a[i + 2];
            long a3 = a[i + 3];
            long b0 = b[i];
            long b1 = b[i + 1];
            long b2 = b[i + 2];
            long b3 = b[i + 3];
            long m0 = Long.MAX_VALUE;
            long m1 = Long.MAX_VALUE;
            long m2 = Long.MAX_VALUE;
            long m3 = Long.MAX_VALUE;
            for (long x : shingles) {
                m0 = Math.min(m0, a0 * x + b0);
                m1 = Math.min(m1, a1 * x + b1);
                m2 = Math.min(m2, a2 * x + b2);
                m3 = Math.min(m3, a3 * x + b3);
            }
            sig[i] = m0;
            sig[i + 1] = m1;
            sig[i + 2] = m2;
            sig[i + 3] = m3;
        }
        for (; i < sig.length; i++) {
            long min = Long.MAX_VALUE;
            for (long x : shingles) {
                min = Math.min(min, a[i] * x + b[i]);
            }
            sig[i] = min;
        }
        return sig;
    }

    /**
     * One key per band: a hash of the band's rows and its index, so that equal rows in different bands do not
     * collide.
     *
     * @param signature a signature from this hasher
     * @return {@code bands} keys
     */
    public long[] bandKeys(long[] signature) {
        int rows = config.rows();
        long[] keys = new long[config.bands()];
        for (int band = 0; band < keys.length; band++) {
            long h = Hashing.mix(band + 0x9E3779B97F4A7C15L);
            for (int r = 0; r < rows; r++) {
                // High 32 bits only, like similarity(): band keys computed from a stored (truncated) signature
                // must equal those computed from the fresh one, or a rebuilt band index would never match.
                h = Hashing.mix(h ^ (signature[band * rows + r] >>> 32));
            }
            keys[band] = h;
        }
        return keys;
    }

    /**
     * Estimated Jaccard similarity: the fraction of signature positions that agree. Positions are compared on
     * their high 32 bits so that stores may keep 4 bytes per value (see {@link #truncate(long[])}); two different
     * minima agree there by chance with probability 2^-32.
     */
    public static double similarity(long[] signatureA, long[] signatureB) {
        if (signatureA.length != signatureB.length) {
            throw new IllegalArgumentException("signatures of different lengths: " + signatureA.length + " vs "
                    + signatureB.length + "; were they made with different permutation counts?");
        }
        int equal = 0;
        for (int i = 0; i < signatureA.length; i++) {
            if ((signatureA[i] >>> 32) == (signatureB[i] >>> 32)) {
                equal++;
            }
        }
        return equal / (double) signatureA.length;
    }

    /** A signature as 4 bytes per value (the high 32 bits), for storage. */
    public static byte[] truncate(long[] signature) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(signature.length * 4);
        for (long v : signature) {
            buffer.putInt((int) (v >>> 32));
        }
        return buffer.array();
    }

    /** The inverse of {@link #truncate(long[])}: values with their high 32 bits restored, low bits zero. */
    public static long[] untruncate(byte[] stored) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(stored);
        long[] signature = new long[stored.length / 4];
        for (int i = 0; i < signature.length; i++) {
            signature[i] = ((long) buffer.getInt()) << 32;
        }
        return signature;
    }
}
