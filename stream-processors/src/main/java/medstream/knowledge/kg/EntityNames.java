package medstream.knowledge.kg;

import java.util.Locale;
import java.util.Set;

/**
 * Display names for knowledge-graph entities: the source's name when it has one, else a readable part
 * of the id. MeSH-style headings that Hetionet uses for symptoms and pharmacologic classes
 * ("Abdomen, Acute", "Calcium Channel Antagonists") are turned into running-text form
 * ("acute abdomen", "calcium channel antagonists") so they read naturally inside a sentence.
 */
public final class EntityNames {
    /** Entity types whose names are MeSH/NDF-RT headings in Title Case. */
    private static final Set<String> HEADING_TYPES = Set.of("Symptom", "Pharmacologic Class", "Side Effect");

    private EntityNames() { }

    /** The name to show for an entity. */
    public static String display(String id, String name, String type) {
        String base = name == null || name.isBlank() ? fromId(id) : name.strip();
        return HEADING_TYPES.contains(type) ? runningText(base) : base;
    }

    /** "Compound::DB00331" -> "DB00331"; other ids unchanged. */
    static String fromId(String id) {
        int sep = id.lastIndexOf("::");
        return sep >= 0 ? id.substring(sep + 2) : id;
    }

    /**
     * "Abdomen, Acute" -> "acute abdomen"; "Acute Coronary Syndrome" -> "acute coronary syndrome";
     * acronyms and mixed-case words ("HIV", "pH") keep their case.
     */
    static String runningText(String heading) {
        String h = heading;
        String[] parts = h.split(", ");
        if (parts.length == 2 && !parts[1].contains(" ")) {
            h = parts[1] + " " + parts[0];
        }
        StringBuilder out = new StringBuilder();
        for (String word : h.split(" ")) {
            if (out.length() > 0) {
                out.append(' ');
            }
            boolean titleWord = word.length() > 1 && Character.isUpperCase(word.charAt(0))
                    && word.substring(1).equals(word.substring(1).toLowerCase(Locale.ROOT));
            out.append(titleWord ? word.toLowerCase(Locale.ROOT) : word);
        }
        return out.toString();
    }
}
