package medstream.cleaning.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Removes personal identifiers of every HIPAA Safe Harbor kind that occurs in text, English and Chinese: the
 * structured ones ({@link StructuredDetector}: e-mail, phone, SSN and resident id, MRN, URL with a query, address,
 * date of birth), person names, dates of care, ages over 89, facility names, IP addresses, device and vehicle
 * identifiers. Each kind has its detector; where matches overlap, the earliest and then the longest wins (the first
 * detector on a tie, so a labeled DOB stays a DOB, not a DATE).
 *
 * <p>{@link Mode#MASK} (the default) replaces each identifier with its typed placeholder ({@code [NAME]});
 * {@link Mode#SURROGATE} with a consistent fake of the same kind (see {@link Surrogates}), so the text stays readable
 * for training. Eponyms, drug names and doses, lab values, PMIDs and study years stay. Thread-safe.
 */
public final class PiiScrubber {

    /** What an identifier is replaced with. */
    public enum Mode {
        /** Typed placeholders: {@code [NAME]}, {@code [DATE]} ... */
        MASK,
        /** Consistent fake names and shifted dates, seeded by the document id. */
        SURROGATE
    }

    private static final List<PiiDetector> DETECTORS = List.of(new StructuredDetector(), new DateDetector(),
            new AgeDetector(), new FacilityDetector(), new EnglishNameDetector(), new ChineseNameDetector(),
            new DeviceDetector());
    private static final Comparator<PiiMatch> EARLIEST_LONGEST = Comparator.comparingInt(PiiMatch::start)
            .thenComparingInt(p -> -(p.end() - p.start()));

    private final Mode mode;

    /** A scrubber that masks. */
    public PiiScrubber() {
        this(Mode.MASK);
    }

    /**
     * A scrubber.
     *
     * @param mode masks or surrogates
     */
    public PiiScrubber(Mode mode) {
        this.mode = mode;
    }

    /**
     * Finds every identifier, overlaps resolved.
     *
     * @param text normalised text
     * @return non-overlapping matches in text order
     */
    public List<PiiMatch> find(String text) {
        List<PiiMatch> all = new ArrayList<>();
        for (PiiDetector detector : DETECTORS) {
            detector.find(text, all);
        }
        if (all.isEmpty()) {
            return all;
        }
        all.sort(EARLIEST_LONGEST);
        List<PiiMatch> kept = new ArrayList<>(all.size());
        int lastEnd = -1;
        for (PiiMatch match : all) {
            if (match.start() >= lastEnd && match.end() > match.start()) {
                kept.add(match);
                lastEnd = match.end();
            }
        }
        return kept;
    }

    /**
     * Replaces every identifier; surrogates (if that is the mode) are seeded by the text itself.
     *
     * @param text normalised text
     * @return the scrubbed text and counts by type
     */
    public ScrubResult scrub(String text) {
        return scrub(text, null);
    }

    /**
     * Replaces every identifier.
     *
     * @param text       normalised text
     * @param documentId seeds the surrogates, so that a document gets the same fakes on every run; null: the text
     * @return the scrubbed text and counts by type
     */
    public ScrubResult scrub(String text, String documentId) {
        List<PiiMatch> matches = find(text);
        if (matches.isEmpty()) {
            return new ScrubResult(text, Map.of());
        }
        Surrogates surrogates = mode == Mode.SURROGATE
                ? new Surrogates(documentId == null ? text.hashCode() : documentId.hashCode()) : null;
        StringBuilder out = new StringBuilder(text.length());
        Map<PiiType, Integer> counts = new EnumMap<>(PiiType.class);
        int pos = 0;
        for (PiiMatch match : matches) {
            out.append(text, pos, match.start());
            if (surrogates == null) {
                out.append(match.type().placeholder());
            } else {
                out.append(surrogates.replace(match.type(), text.substring(match.start(), match.end())));
            }
            counts.merge(match.type(), 1, Integer::sum);
            pos = match.end();
        }
        out.append(text, pos, text.length());
        return new ScrubResult(out.toString(), counts);
    }
}
