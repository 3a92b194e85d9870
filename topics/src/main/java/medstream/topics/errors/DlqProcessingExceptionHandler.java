package medstream.topics.errors;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A processor that throws does not kill the app: the input record (its raw source bytes) goes to the
 * DLQ with the exception, as bakdata's {@code captureErrors} does, and processing resumes.
 */
public final class DlqProcessingExceptionHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DlqProcessingExceptionHandler.class);
    private final DeadLetterRouting routing = new DeadLetterRouting();

    @Override
    public void configure(Map<String, ?> configs) { routing.configure(configs); }

    @Override
    public Response handleError(ErrorHandlerContext ctx, Record<?, ?> record, Exception e) {
        LOG.warn("Dead-lettering record {}-{}@{} that failed in {}: {}", ctx.topic(), ctx.partition(), ctx.offset(),
                ctx.processorNodeId(), e.toString());
        return Response.resume(routing.deadLetter(ctx, ctx.sourceRawKey(), ctx.sourceRawValue(), e, "processing"));
    }
}
