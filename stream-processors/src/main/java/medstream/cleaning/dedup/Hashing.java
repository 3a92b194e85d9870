package medstream.cleaning.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Hash functions used by dedup: a 64-bit mixer and the content hash. */
public final class Hashing {

    private Hashing() {
    }

    /** SplitMix64's finaliser: a bijective, well-mixing 64-bit hash. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * SHA-256 (hex) of a text's dedup form: lower-cased (Locale.ROOT) with every run of whitespace collapsed, so
     * that re-wrapped or re-spaced copies of the same text hash alike.
     *
     * @param text normalised text
     * @return 64 hex characters
     */
    public static String contentHash(String text) {
        String key = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
