package medstream.topics.service;

/**
 * What a running {@link Service} has done so far, read when asked (a status line, a health probe): live counters
 * behind it are the service's own.
 */
@FunctionalInterface
public interface ServiceStats {
    /** One line for a person: state, counts, versions, and the cause when it failed. */
    String describe();
}
