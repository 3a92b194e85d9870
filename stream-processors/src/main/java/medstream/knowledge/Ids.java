package medstream.knowledge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Stable ids for derived records. An id depends only on what the record was made from (its kind and
 * its origin ids), never on time or arrival order, so re-ingesting the same data produces the same
 * keys and a keyed consumer sees an overwrite instead of a duplicate.
 */
public final class Ids {
    /** Origin ids longer than this are hashed so keys stay short. */
    private static final int MAX_READABLE = 120;

    private Ids() { }

    /**
     * The id of a record of {@code kind} made from one origin record: {@code kind:originId} while that
     * stays readable, else {@code kind:#<hash>}.
     */
    public static String derived(String kind, String originId) {
        return derived(kind, List.of(originId));
    }

    /**
     * The id of a record of {@code kind} made from several origins, in the given order (a path
     * A-r1-B-r2-C is not the same record as C-r2-B-r1-A).
     */
    public static String derived(String kind, List<String> originIds) {
        if (originIds.isEmpty()) {
            throw new IllegalArgumentException("a derived id needs at least one origin id (kind " + kind + ")");
        }
        if (originIds.size() == 1 && originIds.get(0).length() <= MAX_READABLE) {
            return kind + ":" + originIds.get(0);
        }
        return kind + ":#" + sha256Hex(String.join("\u0000", originIds)).substring(0, 32);
    }

    /** SHA-256 of the UTF-8 bytes, lower-case hex. */
    public static String sha256Hex(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    /** First 8 bytes of SHA-256 as a long: a stable, well-mixed hash for sampling decisions. */
    public static long hash64(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (d[i] & 0xff);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
