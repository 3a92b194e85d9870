package medstream.topics.registry;

/**
 * The errors of the Confluent Schema Registry REST API, with Confluent's error codes and messages
 * ({@code io.confluent.kafka.schemaregistry.rest.exceptions.Errors}), so a Confluent client that branches on
 * {@code error_code} behaves against medstream's registry as against theirs. The HTTP status of a code is its first
 * three digits ({@link #httpStatus}).
 */
final class RegistryErrors {
    static final int SUBJECT_NOT_FOUND = 40401;
    static final int VERSION_NOT_FOUND = 40402;
    static final int SCHEMA_NOT_FOUND = 40403;
    static final int SUBJECT_SOFT_DELETED = 40404;
    static final int SUBJECT_NOT_SOFT_DELETED = 40405;
    static final int VERSION_SOFT_DELETED = 40406;
    static final int VERSION_NOT_SOFT_DELETED = 40407;
    static final int COMPATIBILITY_NOT_CONFIGURED = 40408;
    static final int MODE_NOT_CONFIGURED = 40409;
    /**
     * Confluent's registry answered 409 here from 1.0 through 8.0; releases from December 2025 (commit ef43652, with
     * schema associations) answer 40901. Clients branch on the HTTP status 409, which both share; we keep the code
     * every documented release and existing client knows.
     */
    static final int INCOMPATIBLE_SCHEMA = 409;
    static final int INVALID_SCHEMA = 42201;
    static final int INVALID_VERSION = 42202;
    static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    static final int INVALID_MODE = 42204;
    static final int OPERATION_NOT_PERMITTED = 42205;
    static final int STORE_ERROR = 50001;

    private RegistryErrors() {}

    /** 40401 is 404, 42203 is 422; the plain codes of the servlet layer (400, 404, 405) are their own status. */
    static int httpStatus(int errorCode) { return errorCode >= 10_000 ? errorCode / 100 : errorCode; }

    static SchemaNotFoundException subjectNotFound(String subject) {
        return new SchemaNotFoundException(SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    static SchemaNotFoundException versionNotFound(String subject, int version) {
        return new SchemaNotFoundException(VERSION_NOT_FOUND, "Version " + version + " not found."
                + " (subject '" + subject + "'; GET /subjects/" + subject + "/versions lists the versions it has)");
    }

    static SchemaNotFoundException schemaNotFound() {
        return new SchemaNotFoundException(SCHEMA_NOT_FOUND, "Schema not found");
    }

    static SchemaNotFoundException schemaNotFound(int id) {
        return new SchemaNotFoundException(SCHEMA_NOT_FOUND, "Schema " + id + " not found");
    }

    static SchemaNotFoundException subjectSoftDeleted(String subject) {
        return new SchemaNotFoundException(SUBJECT_SOFT_DELETED, "Subject '" + subject + "' was soft deleted."
                + "Set permanent=true to delete permanently");
    }

    static SchemaNotFoundException subjectNotSoftDeleted(String subject) {
        return new SchemaNotFoundException(SUBJECT_NOT_SOFT_DELETED, "Subject '" + subject + "' was not deleted "
                + "first before being permanently deleted");
    }

    static SchemaNotFoundException versionSoftDeleted(String subject, int version) {
        return new SchemaNotFoundException(VERSION_SOFT_DELETED, "Subject '" + subject + "' Version " + version
                + " was soft deleted.Set permanent=true to delete permanently");
    }

    static SchemaNotFoundException versionNotSoftDeleted(String subject, int version) {
        return new SchemaNotFoundException(VERSION_NOT_SOFT_DELETED, "Subject '" + subject + "' Version " + version
                + " was not deleted first before being permanently deleted");
    }

    static SchemaNotFoundException compatibilityNotConfigured(String subject) {
        return new SchemaNotFoundException(COMPATIBILITY_NOT_CONFIGURED, "Subject '" + subject + "' does not have "
                + "subject-level compatibility configured");
    }

    static SchemaNotFoundException modeNotConfigured(String subject) {
        return new SchemaNotFoundException(MODE_NOT_CONFIGURED, "Subject '" + subject + "' does not have "
                + "subject-level mode configured");
    }

    static SchemaRegistryException invalidSchema(String why) {
        return new SchemaRegistryException(INVALID_SCHEMA, "Invalid schema: " + why);
    }

    static SchemaRegistryException invalidVersion(String version) {
        return new SchemaRegistryException(INVALID_VERSION, "The specified version '" + version + "' is not a valid "
                + "version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static SchemaRegistryException invalidCompatibilityLevel(String given) {
        return new SchemaRegistryException(INVALID_COMPATIBILITY_LEVEL, "Invalid compatibility level"
                + (given == null ? " (the body needs {\"compatibility\": LEVEL})" : " '" + given + "'")
                + ". Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and "
                + "full_transitive");
    }

    static SchemaRegistryException invalidMode(String given) {
        return new SchemaRegistryException(INVALID_MODE, "Invalid mode '" + given
                + "'. Valid values are READWRITE, READONLY, READONLY_OVERRIDE, IMPORT and FORWARD.");
    }

    static SchemaRegistryException operationNotPermitted(String why) {
        return new SchemaRegistryException(OPERATION_NOT_PERMITTED, why);
    }
}
