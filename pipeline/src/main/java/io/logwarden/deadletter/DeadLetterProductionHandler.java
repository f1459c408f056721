package io.logwarden.deadletter;

import io.logwarden.event.DeadLetterReason;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;

/**
 * Sends an output record that cannot be serialized, or that the broker refuses as too large, to the
 * dead-letter topic with its source record; any other send failure stops the task, because
 * resuming would lose the record.
 */
public class DeadLetterProductionHandler implements ProductionExceptionHandler {

  private DeadLetterRouting routing;

  @Override
  public void configure(Map<String, ?> configs) {
    routing = DeadLetterRouting.fromStreamsConfig(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (exception instanceof RecordTooLargeException) {
      return Response.resume(routing.route(context, context.sourceRawKey(), context.sourceRawValue(), exception,
          DeadLetterReason.TOO_LARGE));
    }
    return Response.fail();
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
      SerializationExceptionOrigin origin) {
    return Response.resume(routing.route(context, context.sourceRawKey(), context.sourceRawValue(), exception,
        DeadLetterReason.PRODUCTION_ERROR));
  }
}
