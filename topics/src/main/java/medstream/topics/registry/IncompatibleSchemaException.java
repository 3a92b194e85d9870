package medstream.topics.registry;

import java.util.List;

/** A schema was refused because it breaks the subject's compatibility level. */
public final class IncompatibleSchemaException extends SchemaRegistryException {
    private final String subject;
    private final List<String> incompatibilities;

    public IncompatibleSchemaException(String subject, CompatibilityLevel level, List<String> incompatibilities) {
        super(RegistryErrors.INCOMPATIBLE_SCHEMA, "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                + "\" (compatibility " + level + "): " + String.join("; ", incompatibilities)
                + ". Fix: give new fields a default, do not remove or retype fields, or register under a new subject.");
        this.subject = subject;
        this.incompatibilities = List.copyOf(incompatibilities);
    }

    /** As reported by a remote registry, whose message already names the subject and the problems. */
    public IncompatibleSchemaException(String subject, String remoteMessage) {
        super(RegistryErrors.INCOMPATIBLE_SCHEMA, "Schema being registered is incompatible with an earlier schema for subject \"" + subject + "\": "
                + remoteMessage);
        this.subject = subject;
        this.incompatibilities = List.of(remoteMessage);
    }

    public String subject() { return subject; }
    public List<String> incompatibilities() { return incompatibilities; }
}
