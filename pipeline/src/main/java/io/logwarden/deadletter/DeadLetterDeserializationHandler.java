package io.logwarden.deadletter;

import io.logwarden.event.DeadLetterReason;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/** Sends a record whose bytes cannot be deserialized to the dead-letter topic and resumes. */
public class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

  private DeadLetterRouting routing;

  @Override
  public void configure(Map<String, ?> configs) {
    routing = DeadLetterRouting.fromStreamsConfig(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    return Response.resume(routing.route(context, record.key(), record.value(), exception,
        DeadLetterReason.DESERIALIZATION_ERROR));
  }
}
