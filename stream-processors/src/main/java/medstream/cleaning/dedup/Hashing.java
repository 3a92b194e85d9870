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

    /** Lower-cased (Locale.ROOT), whitespace runs collapsed to one space, trimmed. */
    static String dedupForm(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        boolean space = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isWhitespace(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * SHA-256 (hex) of a text's dedup form: lower-cased (Locale.ROOT) with every run of whitespace collapsed, so
     * that re-wrapped or re-spaced copies of the same text hash alike.
     *
     * @param text normalised text
     * @return 64 hex characters
     */
    public static String contentHash(String text) {
        String key = dedupForm(text);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /**
     * A 64-bit key of a content hash string for the in-memory filter in front of the content-hash store (the filter
     * mixes it again, so a plain polynomial hash over the characters is enough).
     */
    public static long filterKey(String contentHash) {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < contentHash.length(); i++) {
            h = (h ^ contentHash.charAt(i)) * 0x100000001B3L;
        }
        return h;
    }
}
