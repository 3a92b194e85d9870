package medstream.knowledge.kg;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the template for a fact. English: a Hetionet metaedge, by abbreviation ("CtD") or by verb and
 * kinds ("treats", Compound, Disease); then a Disease Ontology relation ("is_a", "has symptom",
 * "has_material_basis_in"). Chinese: 类别 by category, then the cMeKG relations. Anything else gets
 * {@link RelationTemplates#generic} and {@link Resolution#generic()} is true so the caller can count it.
 */
public final class TemplateRegistry {
    /** The template chosen for a fact. */
    public record Resolution(RelationTemplate template, boolean generic) {
        /**
         * Facts whose resolutions share this key are rendered as one clause with a list of objects
         * in a star paragraph.
         */
        public String groupKey() {
            return template.language() + "|" + template.singular();
        }
    }

    private final Map<String, String> metaedgeByVerbAndKinds = new HashMap<>();

    /** A registry over the built-in tables. */
    public TemplateRegistry() {
        for (RelationTemplates.Metaedge m : RelationTemplates.HETIONET_METAEDGES) {
            metaedgeByVerbAndKinds.put(kindsKey(m.sourceKind(), m.verb(), m.targetKind()), m.abbreviation());
        }
    }

    /** The template for one fact. */
    public Resolution resolve(Fact f) {
        String relation = f.relation().strip();
        if ("zh".equals(f.language())) {
            if ("类别".equals(relation)) {
                RelationTemplate byCategory = RelationTemplates.CATEGORY_ZH.get(f.objectName());
                if (byCategory != null) {
                    return new Resolution(byCategory, false);
                }
            }
            RelationTemplate zh = RelationTemplates.CHINESE_ZH.get(relation);
            return zh != null ? new Resolution(zh, false)
                    : new Resolution(RelationTemplates.generic(relation, "zh"), true);
        }
        RelationTemplate het = RelationTemplates.HETIONET_EN.get(relation);
        if (het == null) {
            String abbreviation = metaedgeByVerbAndKinds.get(kindsKey(f.subjectType(), relation, f.objectType()));
            het = abbreviation == null ? null : RelationTemplates.HETIONET_EN.get(abbreviation);
        }
        if (het != null) {
            return new Resolution(het, false);
        }
        RelationTemplate doid = RelationTemplates.DISEASE_ONTOLOGY_EN.get(normalize(relation));
        return doid != null ? new Resolution(doid, false)
                : new Resolution(RelationTemplates.generic(relation, "en"), true);
    }

    /** "has material basis in", "has-material-basis-in", "HAS_MATERIAL_BASIS_IN" -> "has_material_basis_in". */
    public static String normalize(String relation) {
        return relation.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s\\-']+", "_").replaceAll("^_|_$", "");
    }

    private static String kindsKey(String sourceKind, String verb, String targetKind) {
        return sourceKind.toLowerCase(Locale.ROOT) + "|" + verb.toLowerCase(Locale.ROOT) + "|"
                + targetKind.toLowerCase(Locale.ROOT);
    }
}
