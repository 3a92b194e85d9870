package medstream.ingest.io;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Synthetic native ids for sources that have none (PQA-A sample, Huatuo): a hash of the record's own
 * text, so the same content always gets the same id whatever its line number.
 */
public final class StableIds {
    /** 16 hex digits = 64 bits: collisions are negligible at our sizes (~10^4 per source). */
    private static final int HEX_DIGITS = 16;

    private StableIds() { }

    /** First 16 hex digits of SHA-256 over the parts, joined by U+0000 so ("ab","c") differs from ("a","bc"). */
    public static String hash(String... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    md.update((byte) 0);
                }
                md.update(parts[i] == null ? new byte[0] : parts[i].getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
