package medstream.topics.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class FailureMessagesTest {
    @Test
    void givenAStreamsFailureCausedByARefusedTopic_whenDescribed_thenItNamesTheTopicOnceAndSaysWhatToGrant() {
        TopicAuthorizationException refused = new TopicAuthorizationException(Set.of("medstream.clean.documents"));
        StreamsException failure = new StreamsException("Error encountered sending record to topic medstream.clean.documents",
                new StreamsException(refused));

        String message = FailureMessages.describe(failure);

        assertThat(message).contains("TopicAuthorizationException", "lacks WRITE on topics [medstream.clean.documents]",
                "none is lost");
        assertThat(message.split("StreamsException", -1)).as("the wrapper that only repeats its cause is left out").hasSize(2);
    }

    @Test
    void givenARefusedTopicOutsideASend_whenDescribed_thenTheHintListsWhatEachKindOfTopicNeeds() {
        String message = FailureMessages.describe(new TopicAuthorizationException(Set.of("medstream.raw.documents")));

        assertThat(message).contains("lacks an ACL on topics [medstream.raw.documents]", "READ on input topics");
    }

    @Test
    void givenOtherRefusals_whenDescribed_thenEachGetsItsOwnAdvice() {
        assertThat(FailureMessages.describe(new GroupAuthorizationException("Not authorized to access group: g")))
                .contains("Not authorized to access group: g", "grant it the ACL named above");
        assertThat(FailureMessages.describe(new SaslAuthenticationException("Authentication failed: invalid credentials")))
                .contains("invalid credentials", "kafka.sasl.jaas.config");
        assertThat(FailureMessages.describe(new IllegalStateException("disk full"))).isEqualTo("IllegalStateException: disk full");
    }
}
