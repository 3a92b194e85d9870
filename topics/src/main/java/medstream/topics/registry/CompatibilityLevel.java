package medstream.topics.registry;

/** Confluent Schema Registry compatibility levels; medstream's default is {@link #BACKWARD}. */
public enum CompatibilityLevel {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

    /** Whether only the latest version is checked (non-transitive) or all versions. */
    public boolean transitive() { return name().endsWith("_TRANSITIVE"); }
    /** Whether new readers must read old data. */
    public boolean checksBackward() { return this != NONE && !name().startsWith("FORWARD"); }
    /** Whether old readers must read new data. */
    public boolean checksForward() { return this != NONE && !name().startsWith("BACKWARD"); }
}
