package io.logwarden.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class EncodeOnceTest {

  /** A value that, like an Avro record, is a distinct object even when equal to another. */
  record Value(String text) {}

  private final AtomicInteger encodings = new AtomicInteger();

  private final Serde<Value> counting = Serdes.serdeFrom(
      (Serializer<Value>) (topic, value) -> {
        encodings.incrementAndGet();
        return value.text().getBytes(StandardCharsets.UTF_8);
      },
      (Deserializer<Value>) (topic, bytes) -> new Value(new String(bytes, StandardCharsets.UTF_8)));

  @Test
  void theSameObjectSentToSeveralTopicsIsEncodedOnce() {
    Serializer<Value> sink1 = new EncodeOnce<>(counting).serializer();
    EncodeOnce<Value> shared = new EncodeOnce<>(counting);
    Serializer<Value> a = shared.serializer();
    Serializer<Value> b = shared.serializer();
    Value event = new Value("one");

    byte[] first = a.serialize("store.betterstack", new RecordHeaders(), event);
    byte[] second = b.serialize("security.events", new RecordHeaders(), event);
    assertThat(second).isSameAs(first);
    assertThat(new String(second, StandardCharsets.UTF_8)).isEqualTo("one");
    assertThat(encodings).hasValue(1);

    // Another object, even an equal one, is encoded again; so is the first after it.
    assertThat(a.serialize("t", new Value("one"))).isEqualTo(first).isNotSameAs(first);
    Value next = new Value("two");
    assertThat(new String(b.serialize("t", next), StandardCharsets.UTF_8)).isEqualTo("two");
    assertThat(new String(a.serialize("t", event), StandardCharsets.UTF_8)).isEqualTo("one");
    assertThat(encodings).hasValue(4);

    assertThat(a.serialize("t", null)).isNull();
    assertThat(sink1.serialize("t", event)).isEqualTo(first);
    assertThat(shared.deserializer().deserialize("t", first)).isEqualTo(event);
  }

  @Test
  void eachThreadKeepsItsOwnLastValue() throws Exception {
    EncodeOnce<Value> shared = new EncodeOnce<>(counting);
    Serializer<Value> serializer = shared.serializer();
    Value mine = new Value("mine");
    byte[] before = serializer.serialize("t", mine);

    byte[][] theirs = new byte[1][];
    Thread other = new Thread(() -> theirs[0] = serializer.serialize("t", new Value("theirs")));
    other.start();
    other.join();

    assertThat(new String(theirs[0], StandardCharsets.UTF_8)).isEqualTo("theirs");
    // This thread's last value is still its own: no encoding, the same bytes.
    assertThat(serializer.serialize("t", mine)).isSameAs(before);
    assertThat(encodings).hasValue(2);
  }
}
