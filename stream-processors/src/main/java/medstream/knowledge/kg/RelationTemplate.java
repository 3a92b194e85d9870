package medstream.knowledge.kg;

import java.util.Objects;

/**
 * How one relation reads in one language. A template is a clause with the placeholders {@code {s}}
 * (subject) and {@code {o}} (object, or a joined list of objects). English templates start with
 * {@code "{s} "} so the rest is a verb phrase that can follow "It" in a star paragraph or "which" in a
 * 2-hop path.
 *
 * @param relation the relation key this template renders
 * @param language en or zh
 * @param singular the clause for one object
 * @param plural   the clause for several objects (a list joined by {@code TextUnits.joinList})
 */
public record RelationTemplate(String relation, String language, String singular, String plural) {

    public RelationTemplate {
        Objects.requireNonNull(relation);
        Objects.requireNonNull(language);
        // {o} may be absent when the object is part of the wording (类别 疾病 -> "是一种疾病").
        if (!singular.contains("{s}") || !plural.contains("{s}")) {
            throw new IllegalArgumentException("template for " + relation + " must contain {s}: " + singular);
        }
    }

    /** A template whose clause is the same for one or several objects. */
    public static RelationTemplate of(String relation, String language, String clause) {
        return new RelationTemplate(relation, language, clause, clause);
    }

    /** The clause for {@code subject} and the already-joined {@code objects}. */
    public String clause(String subject, String objects, int objectCount) {
        String t = objectCount > 1 ? plural : singular;
        return t.replace("{s}", subject).replace("{o}", objects);
    }

    /**
     * The verb phrase (the clause without its leading subject) when the template has the English
     * {@code "{s} ..."} shape, else null.
     */
    public String verbPhrase(String objects, int objectCount) {
        String t = objectCount > 1 ? plural : singular;
        if (!t.startsWith("{s} ")) {
            return null;
        }
        return t.substring(4).replace("{o}", objects);
    }
}
