package io.logwarden.deadletter;

import io.logwarden.event.DeadLetterReason;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sends a record that a processor could not handle to the dead-letter topic and resumes, so one bad
 * record never stops the stream and is never dropped.
 */
public class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

  private DeadLetterRouting routing;

  @Override
  public void configure(Map<String, ?> configs) {
    routing = DeadLetterRouting.fromStreamsConfig(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    return Response.resume(routing.route(context, context.sourceRawKey(), context.sourceRawValue(),
        exception, DeadLetterReason.PROCESSING_ERROR));
  }
}
