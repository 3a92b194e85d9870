package medstream.topics.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import medstream.topics.registry.RestRouter.Request;
import medstream.topics.registry.SchemaRegistryClient.RegisteredSchema;
import org.apache.avro.Schema;

/**
 * The Confluent Schema Registry REST API (v1) over a {@link SchemaStore}, one method per endpoint, with the status
 * codes, bodies and error codes of Confluent's resources ({@code SchemasResource}, {@code SubjectsResource},
 * {@code SubjectVersionsResource}, {@code CompatibilityResource}, {@code ConfigResource}, {@code ModeResource}).
 * Only AVRO schemas; no schema references, contexts or metadata; the mode is always READWRITE.
 */
final class RegistryRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READWRITE = "READWRITE";
    private static final List<String> MODES = List.of(READWRITE, "READONLY", "READONLY_OVERRIDE", "IMPORT", "FORWARD");

    private final SchemaStore store;

    private RegistryRoutes(SchemaStore store) { this.store = store; }

    static RestRouter router(SchemaStore store) {
        RegistryRoutes r = new RegistryRoutes(store);
        return new RestRouter()
                .add("GET", "", q -> JSON.createObjectNode())
                .add("GET", "schemas/types", q -> JSON.createArrayNode().add("AVRO"))
                .add("GET", "schemas/ids/{id}", r::schemaById)
                .add("GET", "schemas/ids/{id}/schema", r::rawSchemaById)
                .add("GET", "schemas/ids/{id}/subjects", r::subjectsOfId)
                .add("GET", "schemas/ids/{id}/versions", r::versionsOfId)
                .add("GET", "subjects", r::subjects)
                .add("POST", "subjects/{subject}", r::lookup)
                .add("DELETE", "subjects/{subject}", r::deleteSubject)
                .add("GET", "subjects/{subject}/metadata", r::latestWithMetadata)
                .add("GET", "subjects/{subject}/versions", r::versions)
                .add("POST", "subjects/{subject}/versions", r::register)
                .add("GET", "subjects/{subject}/versions/{version}", r::version)
                .add("DELETE", "subjects/{subject}/versions/{version}", r::deleteVersion)
                .add("GET", "subjects/{subject}/versions/{version}/schema", r::rawSchemaByVersion)
                .add("GET", "subjects/{subject}/versions/{version}/referencedby", r::referencedBy)
                .add("POST", "compatibility/subjects/{subject}/versions/{version}", r::compatibleWithVersion)
                .add("POST", "compatibility/subjects/{subject}/versions", r::compatibleWithSubject)
                .add("GET", "config", q -> level("compatibilityLevel", store.compatibility(null)))
                .add("PUT", "config", q -> r.setLevel(null, q))
                .add("DELETE", "config", q -> level("compatibilityLevel", store.deleteCompatibility(null)))
                .add("GET", "config/{subject}", r::subjectLevel)
                .add("PUT", "config/{subject}", q -> r.setLevel(q.param("subject"), q))
                .add("DELETE", "config/{subject}", q -> level("compatibilityLevel", store.deleteCompatibility(q.param("subject"))))
                .add("GET", "mode", q -> mode())
                .add("PUT", "mode", RegistryRoutes::setMode)
                .add("GET", "mode/{subject}", RegistryRoutes::subjectMode)
                .add("PUT", "mode/{subject}", RegistryRoutes::setMode);
    }

    private JsonNode schemaById(Request q) { return JSON.createObjectNode().put("schema", store.getById(id(q)).toString()); }

    private JsonNode rawSchemaById(Request q) { return raw(store.getById(id(q))); }

    private JsonNode subjectsOfId(Request q) {
        ArrayNode a = JSON.createArrayNode();
        store.versionsOf(id(q), q.flag("deleted")).keySet().forEach(a::add);
        return a;
    }

    private JsonNode versionsOfId(Request q) {
        ArrayNode a = JSON.createArrayNode();
        store.versionsOf(id(q), q.flag("deleted")).forEach((subject, versions) ->
                versions.forEach(v -> a.addObject().put("subject", subject).put("version", v)));
        return a;
    }

    /** {@code deletedOnly} wins over {@code deleted}, and {@code subjectPrefix} filters, as in Confluent. */
    private JsonNode subjects(Request q) {
        boolean deletedOnly = q.flag("deletedOnly");
        List<String> live = store.subjects(false);
        String prefix = q.query().getOrDefault("subjectPrefix", "");
        ArrayNode a = JSON.createArrayNode();
        store.subjects(deletedOnly || q.flag("deleted")).stream()
                .filter(s -> !deletedOnly || !live.contains(s))
                .filter(s -> prefix.isEmpty() || prefix.equals(":*:") || s.startsWith(prefix))
                .forEach(a::add);
        return a;
    }

    private JsonNode lookup(Request q) { return registered(store.lookup(q.param("subject"), schema(q), q.flag("deleted"))); }

    private JsonNode deleteSubject(Request q) { return ints(store.deleteSubject(q.param("subject"), q.flag("permanent"))); }

    /**
     * The latest version whose metadata holds every {@code key}/{@code value} pair asked for. medstream's schemas carry
     * no metadata, so only a query without pairs matches (the latest version); with pairs it is 40403, as Confluent
     * answers when no version matches.
     */
    private JsonNode latestWithMetadata(Request q) {
        RegisteredSchema latest = store.version(q.param("subject"), Subject.LATEST, q.flag("deleted"));
        if (q.query().containsKey("key") && q.query().containsKey("value")) throw RegistryErrors.schemaNotFound();
        return registered(latest);
    }

    private JsonNode versions(Request q) {
        List<Integer> versions = store.versions(q.param("subject"), q.flag("deleted"));
        if (versions.isEmpty()) throw RegistryErrors.subjectNotFound(q.param("subject"));
        return ints(versions);
    }

    private JsonNode register(Request q) { return JSON.createObjectNode().put("id", store.register(q.param("subject"), schema(q))); }

    private JsonNode version(Request q) { return registered(store.version(q.param("subject"), versionOf(q), q.flag("deleted"))); }

    private JsonNode deleteVersion(Request q) {
        return JSON.getNodeFactory().numberNode(store.deleteVersion(q.param("subject"), versionOf(q), q.flag("permanent")));
    }

    private JsonNode rawSchemaByVersion(Request q) { return raw(store.version(q.param("subject"), versionOf(q), q.flag("deleted")).schema()); }

    /** medstream's schemas never reference others, so an existing version is referenced by nothing. */
    private JsonNode referencedBy(Request q) {
        store.version(q.param("subject"), versionOf(q), true);
        return JSON.createArrayNode();
    }

    private JsonNode compatibleWithVersion(Request q) {
        return compatibility(q, store.testCompatibility(q.param("subject"), schema(q), versionOf(q)));
    }

    private JsonNode compatibleWithSubject(Request q) { return compatibility(q, store.testCompatibility(q.param("subject"), schema(q))); }

    /** Without {@code defaultToGlobal} a subject with no level of its own is 40408, as Confluent answers. */
    private JsonNode subjectLevel(Request q) {
        String subject = q.param("subject");
        CompatibilityLevel level = q.flag("defaultToGlobal") ? store.compatibility(subject)
                : store.ownCompatibility(subject).orElseThrow(() -> RegistryErrors.compatibilityNotConfigured(subject));
        return level("compatibilityLevel", level);
    }

    private JsonNode setLevel(String subject, Request q) {
        JsonNode given = required(q).get("compatibility");
        String name = given == null || given.isNull() ? null : given.asText();
        CompatibilityLevel level;
        try {
            level = CompatibilityLevel.valueOf(name == null ? "" : name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RegistryErrors.invalidCompatibilityLevel(name);
        }
        store.setCompatibility(subject, level);
        return level("compatibility", level);
    }

    private static JsonNode mode() { return JSON.createObjectNode().put("mode", READWRITE); }

    private static JsonNode subjectMode(Request q) {
        if (!q.flag("defaultToGlobal")) throw RegistryErrors.modeNotConfigured(q.param("subject"));
        return mode();
    }

    /** Only READWRITE: an embedded registry that refused writes or imported ids would only surprise its one user. */
    private static JsonNode setMode(Request q) {
        String mode = required(q).path("mode").asText("").toUpperCase(Locale.ROOT);
        if (!MODES.contains(mode)) throw RegistryErrors.invalidMode(mode);
        if (!mode.equals(READWRITE)) {
            throw RegistryErrors.operationNotPermitted("medstream's embedded registry runs in READWRITE mode only; got " + mode);
        }
        return mode();
    }

    private static JsonNode compatibility(Request q, List<String> problems) {
        ObjectNode r = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
        if (q.flag("verbose")) problems.forEach(r.putArray("messages")::add);
        return r;
    }

    /** A path's {@code {version}}: 1 to 2^31-1 or {@code latest} ({@code -1} too, Confluent's alias for it). */
    private static int versionOf(Request q) {
        String v = q.param("version");
        if (v.equals("latest")) return Subject.LATEST;
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 || n == Subject.LATEST) return n;
        } catch (NumberFormatException e) {
            // falls through to Confluent's answer for anything else
        }
        throw RegistryErrors.invalidVersion(v);
    }

    /** JAX-RS answers 404 when an Integer path parameter does not parse. */
    private static int id(Request q) {
        try {
            return Integer.parseInt(q.param("id"));
        } catch (NumberFormatException e) {
            throw new SchemaNotFoundException(404, "HTTP 404 Not Found: schema id '" + q.param("id") + "' is not a number");
        }
    }

    /** Confluent's bean validation answers 422 with error code 422 when a required body is missing. */
    private static JsonNode required(Request q) {
        if (q.body() == null || q.body().isNull()) throw new SchemaRegistryException(422, "The request body is missing: this endpoint needs a JSON object");
        return q.body();
    }

    private static Schema schema(Request q) {
        JsonNode body = required(q);
        if (!body.hasNonNull("schema")) throw RegistryErrors.invalidSchema("the request body needs a \"schema\" field");
        String type = body.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) throw RegistryErrors.invalidSchema("only AVRO schemas are supported, got schemaType " + type);
        try {
            return new Schema.Parser().parse(body.get("schema").asText());
        } catch (RuntimeException e) {
            // Avro 1.12 reports an unknown type name as a NullPointerException, not a SchemaParseException:
            // either way the request is at fault (422, as Confluent answers), not the server (500).
            throw RegistryErrors.invalidSchema("not a valid Avro schema: " + e.getMessage());
        }
    }

    private static JsonNode raw(Schema schema) {
        try {
            return JSON.readTree(schema.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Avro wrote a schema Jackson cannot read: " + schema, e);
        }
    }

    private static ObjectNode registered(RegisteredSchema r) {
        return JSON.createObjectNode().put("subject", r.subject()).put("version", r.version()).put("id", r.id())
                .put("schema", r.schema().toString());
    }

    private static ArrayNode ints(List<Integer> values) {
        ArrayNode a = JSON.createArrayNode();
        values.forEach(a::add);
        return a;
    }

    private static ObjectNode level(String field, CompatibilityLevel level) { return JSON.createObjectNode().put(field, level.name()); }
}
