package io.logwarden.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class EncodeOnceTest {

  /** Counts its calls; encodes a list of strings as their joined text. */
  private static final class Counting implements Serializer<List<String>> {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public byte[] serialize(String topic, List<String> data) {
      calls.incrementAndGet();
      return data == null ? null : String.join(",", data).getBytes(StandardCharsets.UTF_8);
    }
  }

  @Test
  void theSameValueWrittenToTwoTopicsIsEncodedOnce() {
    Counting inner = new Counting();
    EncodeOnce<List<String>> once = new EncodeOnce<>(inner);
    List<String> event = new ArrayList<>(List.of("a", "b"));
    byte[] store = once.serialize("store.betterstack", event);
    byte[] security = once.serialize("security.events", event);
    assertThat(inner.calls).hasValue(1);
    assertThat(security).isSameAs(store).asString(StandardCharsets.UTF_8).isEqualTo("a,b");
  }

  @Test
  void anotherValueIsEncodedAgainEvenWhenEqual() {
    Counting inner = new Counting();
    EncodeOnce<List<String>> once = new EncodeOnce<>(inner);
    once.serialize("t", new ArrayList<>(List.of("a")));
    byte[] second = once.serialize("t", new ArrayList<>(List.of("b")));
    once.serialize("t", new ArrayList<>(List.of("b"))); // equal, but another object: encoded again
    assertThat(inner.calls).hasValue(3);
    assertThat(second).asString(StandardCharsets.UTF_8).isEqualTo("b");
    assertThat(once.serialize("t", null)).isNull();
  }

  @Test
  void eachThreadRemembersItsOwnLastValue() throws InterruptedException {
    Counting inner = new Counting();
    EncodeOnce<List<String>> once = new EncodeOnce<>(inner);
    List<String> event = List.of("x");
    once.serialize("t", event);
    Thread other = new Thread(() -> once.serialize("t", event));
    other.start();
    other.join();
    assertThat(inner.calls).hasValue(2);
  }
}
