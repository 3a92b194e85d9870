package medstream.knowledge.kg;

import java.util.Objects;
import medstream.contracts.KgTriplet;

/**
 * One knowledge-graph fact with display names resolved: the unit the sub-graph sampler and the text
 * rewriter work on. Built from a {@link KgTriplet}; names fall back to readable parts of the ids.
 *
 * @param subjectId   subject id as in the source (Compound::DB00331, DOID:8736, 小儿狂犬病)
 * @param subjectName display name of the subject
 * @param subjectType subject entity type
 * @param relation    relation as in the source (CtD, treats, is_a, has_symptom, 类别)
 * @param objectId    object id as in the source
 * @param objectName  display name of the object
 * @param objectType  object entity type
 * @param source      data set (hetionet, disease-ontology, kbert-medical-spo ...)
 * @param language    language of the names: en or zh
 */
public record Fact(String subjectId, String subjectName, String subjectType, String relation,
                   String objectId, String objectName, String objectType, String source, String language) {

    public Fact {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(source, "source");
        language = language == null || language.isBlank() ? "en" : language;
        subjectType = subjectType == null ? "" : subjectType;
        objectType = objectType == null ? "" : objectType;
        subjectName = EntityNames.display(subjectId, subjectName, subjectType);
        objectName = EntityNames.display(objectId, objectName, objectType);
    }

    /** A fact from an ingested triplet. */
    public static Fact of(KgTriplet t) {
        return new Fact(t.getSubject(), t.getSubjectName(), t.getSubjectType(), t.getRelation(), t.getObject(),
                t.getObjectName(), t.getObjectType(), t.getSource(), t.getLanguage());
    }

    /** Stable id of the fact: {@code source:subject|relation|object}; the same triplet always gets the same id. */
    public String id() {
        return source + ":" + subjectId + "|" + relation + "|" + objectId;
    }

    /** Key of the subject entity within its source, e.g. {@code hetionet:Compound::DB00331}. */
    public String subjectKey() {
        return source + ":" + subjectId;
    }

    /** Key of the object entity within its source. */
    public String objectKey() {
        return source + ":" + objectId;
    }
}
