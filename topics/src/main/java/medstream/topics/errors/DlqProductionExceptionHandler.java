package medstream.topics.errors;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output record that cannot be serialized or is refused by the broker (e.g. too large) goes to the
 * DLQ with the source record's bytes; retriable broker errors are left to Streams to retry, and a
 * schema registry outage fails the task (the record is not at fault).
 */
public final class DlqProductionExceptionHandler implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DlqProductionExceptionHandler.class);
    private final DeadLetterRouting routing = new DeadLetterRouting();

    @Override
    public void configure(Map<String, ?> configs) { routing.configure(configs); }

    @Override
    public Response handleError(ErrorHandlerContext ctx, ProducerRecord<byte[], byte[]> record, Exception e) {
        if (e instanceof RetriableException) return Response.retry();
        LOG.warn("Dead-lettering output to {} that the broker refused: {}", record.topic(), e.toString());
        return Response.resume(routing.deadLetter(ctx, ctx.sourceRawKey(), ctx.sourceRawValue(), e,
                "production to " + record.topic()));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext ctx, ProducerRecord record, Exception e,
                                             SerializationExceptionOrigin origin) {
        if (DeadLetterRouting.isRegistryOutage(e)) {
            LOG.error("Schema registry unavailable while serializing output to {}: failing the task instead of "
                    + "dead-lettering it; the input is processed again when the registry is back: {}", record.topic(), e.toString());
            return Response.fail();
        }
        LOG.warn("Dead-lettering output to {} that could not be serialized ({}): {}", record.topic(), origin, e.toString());
        return Response.resume(routing.deadLetter(ctx, ctx.sourceRawKey(), ctx.sourceRawValue(), e,
                "serialization of " + origin + " for " + record.topic()));
    }
}
