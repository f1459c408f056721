package io.logwarden.it;

import java.util.concurrent.Callable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test broker for all the tests of a class: started before the first, closed after the last.
 * Register it as a static field: {@code @RegisterExtension static final ClusterPerClass<KafkaTestCluster>
 * KAFKA = ClusterPerClass.kafka();}.
 */
public final class ClusterPerClass<C extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback {

  private final Callable<C> start;
  private C cluster;

  public ClusterPerClass(Callable<C> start) {
    this.start = start;
  }

  /** A plain single-node broker ({@link KafkaTestCluster}). */
  public static ClusterPerClass<KafkaTestCluster> kafka() {
    return new ClusterPerClass<>(KafkaTestCluster::start);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    cluster = start.call();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }

  /** The running cluster (between the class's first and last test). */
  public C get() {
    if (cluster == null) {
      throw new IllegalStateException("the cluster runs only while the class's tests do");
    }
    return cluster;
  }
}
