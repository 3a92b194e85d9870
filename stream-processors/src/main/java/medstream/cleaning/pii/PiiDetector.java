package medstream.cleaning.pii;

import java.util.List;

/** Finds identifiers of one or a few kinds in normalised text. Implementations are stateless and thread-safe. */
interface PiiDetector {
    /**
     * Adds every identifier found to {@code out}; overlaps with other detectors' matches are resolved by the caller.
     *
     * @param text normalised text
     * @param out  where matches go
     */
    void find(String text, List<PiiMatch> out);
}
