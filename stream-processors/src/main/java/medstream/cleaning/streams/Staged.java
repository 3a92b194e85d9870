package medstream.cleaning.streams;

import medstream.contracts.CleanDocument;
import medstream.contracts.CleanReject;

/**
 * What a cleaning step hands to the next node: a document that goes on, or a rejection. Lives only between
 * processors of one sub-topology (never serialized).
 *
 * @param document the accepted document, or {@code null}
 * @param reject   the rejection, or {@code null}
 */
public record Staged(CleanDocument document, CleanReject reject) {

    /** A document that goes on. */
    public static Staged accepted(CleanDocument document) {
        return new Staged(document, null);
    }

    /** A rejected document. */
    public static Staged rejected(CleanReject reject) {
        return new Staged(null, reject);
    }

    /** Whether this is a rejection. */
    public boolean isRejected() {
        return reject != null;
    }
}
