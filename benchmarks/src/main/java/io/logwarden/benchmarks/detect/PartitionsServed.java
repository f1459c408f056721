package io.logwarden.benchmarks.detect;

import io.logwarden.policy.Policy;
import io.logwarden.policy.TopicSpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the broker serves every partition of the policy's topics. Producing to a partition
 * created a moment ago can fail with NOT_LEADER_OR_FOLLOWER, and the idempotent producer's retries
 * then end in OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery timeout; a list-offsets request is
 * answered by the partition's leader only, so its success means the partition is ready.
 */
public final class PartitionsServed {

  private PartitionsServed() {}

  /** Returns once every partition of the policy's output topics answers, or throws after 60 s. */
  public static void await(Map<String, Object> adminProperties, Policy policy) throws Exception {
    List<String> topics = policy.outputTopics().stream().map(TopicSpec::name).toList();
    try (Admin admin = Admin.create(adminProperties)) {
      Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
      admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) ->
          description.partitions().forEach(p -> partitions.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
      Instant deadline = Instant.now().plusSeconds(60);
      while (true) {
        try {
          admin.listOffsets(partitions).all().get();
          return;
        } catch (ExecutionException e) {
          if (Instant.now().isAfter(deadline)) {
            throw e;
          }
          Thread.sleep(100);
        }
      }
    }
  }
}
