package io.logwarden.redact;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Over lines glued together from the fragments the detectors look at, the scanner never fails,
 * running it again changes nothing, and no personal value survives.
 */
class PersonalDataScannerProperties {

  private static final String[] FRAGMENTS = {
      "a@b.co", "Alice.Smith@Example.COM", "@", ".", ":", "::", "-", " ", "_", "+", "[", "]",
      "203.0.113.7", "1.2.3.4.5", "010.0.0.1", "255.255.255.255", "2001:db8::1", "fe80::1%eth0",
      "::ffff:1.2.3.4", "::1", "dead:beef", "10:15:30", "00:11:22:33:44:55:66:77",
      "4111111111111111", "4111 1111 1111 1111", "378282246310005", "1795853643120",
      "DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "GB82WEST12345698765432",
      "[REDACTED:iban]", "[REDACTED:", "pii:demo:abcdefghijklmnop", "pii:", "REDACTED", "x", "Z9",
      "std::string", "v", "0", "9", "é", "\"", "=", "?email=", "/", "%", "ABCD", "4111", "1111",
      "DE89", "GB", "12", "abc", "f", "1.2.3", "255", "co", "xn--p1ai", "p", "ii", "demo", ",",
  };

  private final PersonalDataScanner scanner =
      new PersonalDataScanner(new Pseudonymizer(PseudonymKey.demo()));

  @Provide
  Arbitrary<String> lines() {
    return Arbitraries.of(FRAGMENTS).list().ofMaxSize(16).map(parts -> String.join("", parts));
  }

  @Property(tries = 3000)
  void neverFailsAndIsIdempotent(@ForAll("lines") String line) {
    RedactionCounts counts = new RedactionCounts();
    String once = scanner.redact(line, counts);
    assertThat(counts.asMap()).doesNotContainKey(PersonalDataScanner.SCAN_ERROR);
    RedactionCounts again = new RedactionCounts();
    assertThat(scanner.redact(once, again)).isEqualTo(once);
    assertThat(again.isEmpty()).isTrue();
  }

  @Property(tries = 1000)
  void separatedValuesNeverSurvive(@ForAll("lines") String line) {
    String padded = " " + String.join(" ", line.split("")) + " 203.0.113.7 a@b.co "
        + "4111111111111111 2001:db8::1 DE89370400440532013000 ";
    String redacted = scanner.redact(padded, null);
    assertThat(redacted).doesNotContain("203.0.113.7", "a@b.co", "4111111111111111",
        "2001:db8::1", "DE89370400440532013000");
  }

  @Property(tries = 1000)
  void arbitraryTextNeverFails(@ForAll String line) {
    RedactionCounts counts = new RedactionCounts();
    String once = scanner.redact(line, counts);
    assertThat(counts.asMap()).doesNotContainKey(PersonalDataScanner.SCAN_ERROR);
    assertThat(scanner.redact(once, null)).isEqualTo(once);
  }
}
