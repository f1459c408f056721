package io.logwarden.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {

  private final Pseudonymizer demo = new Pseudonymizer(PseudonymKey.demo());

  @Test
  void isTheHmacOfTheValueInBase32WithTheKeyId() {
    assertThat(demo.pseudonym("alice")).isEqualTo(ExpectedPseudonyms.demo("alice"))
        .matches("pii:demo:[a-z2-7]{16}");
    assertThat(demo.keyId()).isEqualTo("demo");
  }

  @Test
  void theRecentPseudonymsOfAThreadAreTheHmacEvenWhenValuesShareASlot() {
    // More values than slots, each asked for twice in a row and once more after all others: every answer,
    // cached or not, is the independent HMAC of its own value.
    int count = Pseudonymizer.Recent.SLOTS * 3;
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < count; i++) {
        String value = "user-" + i;
        assertThat(demo.pseudonym(value)).as(value).isEqualTo(ExpectedPseudonyms.demo(value));
        assertThat(demo.pseudonym(value)).as(value).isEqualTo(ExpectedPseudonyms.demo(value));
      }
    }
    // Two values of one slot, alternating: the second never gets the first's pseudonym.
    Pseudonymizer.Recent recent = new Pseudonymizer.Recent();
    String first = "10.0.0.1";
    recent.put(first, "p1");
    String second = null;
    for (int i = 0; second == null; i++) {
      String candidate = "10.0." + (i / 256) + "." + (i % 256);
      if (!candidate.equals(first) && recent.get(candidate) == null) {
        recent.put(candidate, "p2");
        if (recent.get(first) == null) {
          second = candidate; // it took the first's slot
        } else {
          recent = new Pseudonymizer.Recent();
          recent.put(first, "p1");
        }
      }
    }
    assertThat(recent.get(second)).isEqualTo("p2");
    assertThat(recent.get(first)).isNull();
    for (int i = 0; i < 4; i++) {
      assertThat(demo.pseudonym(i % 2 == 0 ? first : second))
          .isEqualTo(ExpectedPseudonyms.demo(i % 2 == 0 ? first : second));
    }
  }

  @Test
  void isDeterministicAndDiffersAcrossKeysAndValues() throws Exception {
    byte[] other = new byte[32];
    other[0] = 1;
    Pseudonymizer rotated = new Pseudonymizer(new PseudonymKey("2025-06", other));
    assertThat(demo.pseudonym("alice")).isEqualTo(demo.pseudonym("alice"))
        .isNotEqualTo(demo.pseudonym("bob"));
    assertThat(rotated.pseudonym("alice")).startsWith("pii:2025-06:")
        .isEqualTo(ExpectedPseudonyms.of("2025-06", other, "alice"))
        .isNotEqualTo(demo.pseudonym("alice"));
  }

  @Test
  void normalizesWhatIsTheSameThingWrittenDifferently() {
    assertThat(demo.pseudonym("Alice.Smith@Example.COM"))
        .isEqualTo(demo.pseudonym("alice.smith@example.com"))
        .isEqualTo(ExpectedPseudonyms.demo("alice.smith@example.com"));
    assertThat(demo.pseudonym("2001:0DB8:0000:0000:0000:0000:0000:0001"))
        .isEqualTo(demo.pseudonym("2001:db8::1"))
        .isEqualTo(ExpectedPseudonyms.demo("2001:db8::1"));
    assertThat(demo.pseudonym("2001:db8:0:0:1:0:0:1"))
        .isEqualTo(ExpectedPseudonyms.demo("2001:db8::1:0:0:1"));
    assertThat(demo.pseudonym("::ffff:203.0.113.7")).isEqualTo(demo.pseudonym("203.0.113.7"))
        .isEqualTo(ExpectedPseudonyms.demo("203.0.113.7"));
    assertThat(demo.pseudonym("203.0.113.007")).isEqualTo(ExpectedPseudonyms.demo("203.0.113.7"));
    // A user name is an identifier as written: case may matter to the system that issued it.
    assertThat(demo.pseudonym("Alice")).isNotEqualTo(demo.pseudonym("alice"));
  }

  @Test
  void recognizesPseudonyms() {
    assertThat(Pseudonymizer.isPseudonym(demo.pseudonym("x"))).isTrue();
    assertThat(Pseudonymizer.isPseudonym("pii:k_1-a:abcdefghijklmnop")).isTrue();
    assertThat(Pseudonymizer.isPseudonym("pii:demo:abcdefghijklmno")).isFalse();
    assertThat(Pseudonymizer.isPseudonym("pii:demo:abcdefghijklmnopq")).isFalse();
    assertThat(Pseudonymizer.isPseudonym("pii:demo:abcdefghijklmno1")).isFalse();
    assertThat(Pseudonymizer.isPseudonym("pii::abcdefghijklmnop")).isFalse();
    assertThat(Pseudonymizer.isPseudonym("PII:demo:abcdefghijklmnop")).isFalse();
    assertThat(Pseudonymizer.isPseudonym(null)).isFalse();
  }

  @Test
  void truncatesToTheNetwork() {
    assertThat(Pseudonymizer.truncateIp("203.0.113.7")).isEqualTo("203.0.113.0");
    assertThat(Pseudonymizer.truncateIp("2001:db8:abcd:12:1:2:3:4")).isEqualTo("2001:db8:abcd::");
    assertThat(Pseudonymizer.truncateIp("2001:DB8:0:12::1")).isEqualTo("2001:db8::");
    assertThat(Pseudonymizer.truncateIp("::ffff:203.0.113.7")).isEqualTo("203.0.113.0");
    assertThat(Pseudonymizer.truncateIp("2001:db8:abcd::")).isEqualTo("2001:db8:abcd::");
    assertThatThrownBy(() -> Pseudonymizer.truncateIp("alice-laptop"))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("alice"));
  }

  @Test
  void isSafeToShareAcrossThreads() throws Exception {
    List<String> values = java.util.stream.IntStream.range(0, 200).mapToObj(i -> "user" + i)
        .toList();
    Set<String> expected = ConcurrentHashMap.newKeySet();
    values.forEach(v -> expected.add(ExpectedPseudonyms.demo(v)));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          for (int round = 0; round < 20; round++) {
            for (String v : values) {
              if (!expected.contains(demo.pseudonym(v))) {
                return false;
              }
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
