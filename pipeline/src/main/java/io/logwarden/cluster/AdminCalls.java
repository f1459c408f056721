package io.logwarden.cluster;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaFuture;

/** Waiting on the Kafka admin client's futures, with one timeout and one error for every admin command. */
public final class AdminCalls {

  /** How long one admin call may take before the cluster is taken to be unreachable. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  private AdminCalls() {}

  /**
   * The future's value.
   *
   * @param what what the call does, for the error ("listing topics")
   * @throws ProvisioningException when the call failed, timed out or was interrupted
   */
  public static <T> T await(KafkaFuture<T> future, String what) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new ProvisioningException("failed " + what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new ProvisioningException("timed out " + what + " after " + TIMEOUT.toSeconds() + " s: is the cluster reachable?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProvisioningException("interrupted " + what, e);
    }
  }
}
