package io.logwarden.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.schema.detect.RuleKeyState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/**
 * Detect's key states live in changelogged stores across upgrades: a state written by any released
 * version must still decode, with the fields it did not have at their defaults.
 */
class RuleKeyStateUpgradeTest {

  private static byte[] written(Schema writer, Map<String, Object> fields) throws IOException {
    GenericRecord state = new GenericData.Record(writer);
    state.put("key_field", "source.address");
    state.put("latest", 1_000L);
    state.put("window_count", 3L);
    state.put("samples", List.of("e-1"));
    state.put("opened_at", 0L);
    state.put("first_seen", 0L);
    state.put("last_seen", 0L);
    state.put("touched_at", 0L);
    fields.forEach(state::put);
    ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(state);
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  @Test
  void everyReleasedVersionOfAKeyStateDecodes() throws IOException {
    List<Schema> released = ReleasedSchemas.of(RuleKeyState.class);
    assertThat(released).hasSizeGreaterThanOrEqualTo(3);
    var decoder = LogwardenSerdes.ruleKeyState().deserializer();

    RuleKeyState v1 = decoder.deserialize("states", written(released.get(0), Map.of()));
    assertThat(v1.getLatest()).isEqualTo(1_000L);
    assertThat(v1.getWindowCount()).isEqualTo(3L);
    assertThat(v1.getSamples()).containsExactly("e-1");
    assertThat(v1.getWindowValues()).isNull();
    assertThat(v1.getLatestSecondStep()).isNull();

    RuleKeyState v2 = decoder.deserialize("states",
        written(released.get(1), Map.of("window_values", Map.of("alice", 2L))));
    assertThat(v2.getWindowValues()).containsEntry("alice", 2L);
    assertThat(v2.getLatestSecondStep()).isNull();

    RuleKeyState v3 = decoder.deserialize("states",
        written(released.get(2), Map.of("window_values", Map.of(), "latest_second_step", 900L)));
    assertThat(v3.getWindowValues()).isEmpty();
    assertThat(v3.getLatestSecondStep()).isEqualTo(900L);
  }
}
