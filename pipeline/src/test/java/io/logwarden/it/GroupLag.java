package io.logwarden.it;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.admin.ListOffsetsOptions;

/** How far consumer groups' committed offsets are behind the end of the partitions they committed on. */
public final class GroupLag {

  private GroupLag() {}

  /** The sum of committed offsets of the group on the partitions of {@code topics}. */
  public static long committed(Admin admin, String group, List<String> topics) throws Exception {
    long sum = 0;
    for (Map.Entry<TopicPartition, OffsetAndMetadata> entry
        : admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet()) {
      if (entry.getValue() != null && topics.contains(entry.getKey().topic())) {
        sum += entry.getValue().offset();
      }
    }
    return sum;
  }

  /**
   * The records (and transaction markers) between each group's committed offsets and the last
   * stable offsets of the partitions it committed on; 0 when the groups have consumed everything.
   */
  public static long of(Admin admin, List<String> groups) throws Exception {
    long lag = 0;
    for (String group : groups) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest,
          new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
      for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
        if (entry.getValue() != null) {
          lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
        }
      }
    }
    return lag;
  }
}
