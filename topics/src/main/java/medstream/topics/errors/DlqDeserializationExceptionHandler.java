package medstream.topics.errors;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undecodable input (bad magic byte, unknown schema id, wrong schema) goes to the DLQ; the stream goes on.
 * A schema registry outage fails the task instead: the record is not at fault.
 */
public final class DlqDeserializationExceptionHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DlqDeserializationExceptionHandler.class);
    private final DeadLetterRouting routing = new DeadLetterRouting();

    @Override
    public void configure(Map<String, ?> configs) { routing.configure(configs); }

    @Override
    public Response handleError(ErrorHandlerContext ctx, ConsumerRecord<byte[], byte[]> record, Exception e) {
        if (DeadLetterRouting.isRegistryOutage(e)) {
            LOG.error("Schema registry unavailable while reading {}-{}@{}: failing the task instead of dead-lettering a "
                    + "record that is probably fine; it is read again when the registry is back: {}",
                    record.topic(), record.partition(), record.offset(), e.toString());
            return Response.fail();
        }
        LOG.warn("Dead-lettering undecodable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
        return Response.resume(routing.deadLetter(ctx, record.key(), record.value(), e, "deserialization"));
    }
}
