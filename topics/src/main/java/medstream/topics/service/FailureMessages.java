package medstream.topics.service;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/**
 * What a person reads when a service stops on an exception: the chain of causes on one line and, when the cluster
 * refused the service's principal, what to change. A Streams failure nests the broker's answer two or three causes
 * deep, under messages that do not say which permission was missing.
 */
public final class FailureMessages {
    private FailureMessages() {}

    /** The failure's causes, outermost first, and a hint for authentication and authorization failures. */
    public static String describe(Throwable failure) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = failure; t != null && parts.size() < 6; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage());
            // A wrapper made with new XException(cause) only repeats its cause, and Streams repeats a cause's message in
            // its own: keep each message once.
            boolean bareWrapper = t.getCause() != null && message.equals(t.getCause().toString());
            if (!bareWrapper && parts.stream().noneMatch(p -> p.contains(message))) {
                parts.add(t.getClass().getSimpleName() + ": " + message);
            }
        }
        return String.join(" <- ", parts) + hint(failure, String.join(" ", parts));
    }

    private static String hint(Throwable failure, String messages) {
        TopicAuthorizationException topics = cause(failure, TopicAuthorizationException.class);
        if (topics != null) {
            // Streams says "Error encountered sending record to topic ..." when the refusal answered a produce request.
            String lacks = messages.contains("sending record") ? "WRITE on topics " + topics.unauthorizedTopics()
                    : "an ACL on topics " + topics.unauthorizedTopics()
                            + " (READ on input topics, WRITE on output and dead-letter topics, DESCRIBE on both)";
            return ". The cluster refused this service's Kafka principal, which lacks " + lacks + ": grant it and start the "
                    + "service again; offsets were not committed past the refused records, so none is lost";
        }
        if (cause(failure, AuthorizationException.class) != null) {
            return ". The cluster refused this service's Kafka principal: grant it the ACL named above (group, "
                    + "transactional id or cluster) and start it again; nothing was committed past the refusal";
        }
        if (cause(failure, AuthenticationException.class) != null) {
            return ". The service could not log in to Kafka: check kafka.security.protocol, kafka.sasl.mechanism and "
                    + "kafka.sasl.jaas.config (user and password) in the configuration";
        }
        return "";
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) return type.cast(t);
        }
        return null;
    }
}
