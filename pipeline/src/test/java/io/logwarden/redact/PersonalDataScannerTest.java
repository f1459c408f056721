package io.logwarden.redact;

import static io.logwarden.redact.ExpectedPseudonyms.demo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PersonalDataScannerTest {

  private final PersonalDataScanner scanner =
      new PersonalDataScanner(new Pseudonymizer(PseudonymKey.demo()));

  private String redact(String text) {
    return scanner.redact(text, new RedactionCounts());
  }

  private Map<String, Integer> countsOf(String text) {
    RedactionCounts counts = new RedactionCounts();
    scanner.redact(text, counts);
    return counts.asMap();
  }

  @Test
  void pseudonymizesAddressesPercentEncodedInUrlsAsTheAddressItself() {
    assertThat(redact("https://shop.example/checkout?email=Jane.Doe%40Example.com&step=2"))
        .isEqualTo("https://shop.example/checkout?email=" + demo("jane.doe@example.com") + "&step=2");
    assertThat(redact("/unsubscribe/bob%2Balerts%40mail.example.org"))
        .isEqualTo("/unsubscribe/" + demo("bob%2balerts@mail.example.org"));
    assertThat(countsOf("?to=a%40b.co")).containsExactly(Map.entry("email", 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"50%40 off today", "took 100%400ms", "ratio 3%40x", "100%", "%4", "%40", "a%40b", "x%41b.co"})
  void leavesPercentSignsThatAreNotAnEncodedAddress(String text) {
    assertThat(redact(text)).isEqualTo(text);
  }

  @Test
  void pseudonymizesAddressesInJson() {
    String line = "{\"user\":\"Alice.Smith@Example.com\",\"src\":\"203.0.113.7\","
        + "\"dst\":\"2001:DB8::0001\",\"msg\":\"ok\"}";
    assertThat(redact(line)).isEqualTo("{\"user\":\"" + demo("alice.smith@example.com")
        + "\",\"src\":\"" + demo("203.0.113.7") + "\",\"dst\":\"" + demo("2001:db8::1")
        + "\",\"msg\":\"ok\"}");
    assertThat(countsOf(line)).containsExactly(Map.entry("email", 1), Map.entry("ipv4", 1),
        Map.entry("ipv6", 1));
  }

  @Test
  void pseudonymizesTheAddressInASyslogLine() {
    String line = "<38>Jun 14 10:15:30 bastion sshd[4121]: Failed password for root from "
        + "203.0.113.7 port 22 ssh2";
    assertThat(redact(line)).isEqualTo("<38>Jun 14 10:15:30 bastion sshd[4121]: Failed password "
        + "for root from " + demo("203.0.113.7") + " port 22 ssh2");
  }

  @Test
  void pseudonymizesInUrlsAndFreeText() {
    assertThat(redact("GET /subscribe?email=a@b.co&ref=x HTTP/1.1"))
        .isEqualTo("GET /subscribe?email=" + demo("a@b.co") + "&ref=x HTTP/1.1");
    assertThat(redact("Mail to <bob+alerts@mail.example.org>, cc carol_o@example.de."))
        .isEqualTo("Mail to <" + demo("bob+alerts@mail.example.org") + ">, cc "
            + demo("carol_o@example.de") + ".");
    assertThat(redact("connect to 10.0.0.1:5432 and [2001:db8::1]:443 and fe80::1%eth0"))
        .isEqualTo("connect to " + demo("10.0.0.1") + ":5432 and [" + demo("2001:db8::1")
            + "]:443 and " + demo("fe80::1") + "%eth0");
    assertThat(redact("client ::ffff:198.51.100.4 via ::1, then 192.168.001.010."))
        .isEqualTo("client " + demo("198.51.100.4") + " via " + demo("::1") + ", then "
            + demo("192.168.1.10") + ".");
    assertThat(redact("peer 2001:db8:85a3:0:0:8a2e:370:7334 left"))
        .isEqualTo("peer " + demo("2001:db8:85a3::8a2e:370:7334") + " left");
  }

  @Test
  void pseudonymizesInAStackTrace() {
    String trace = """
        java.net.ConnectException: Connection refused: /198.51.100.23:8443 for ops@example.com
        \tat java.base/sun.nio.ch.Net.connect0(Native Method)
        \tat io.logwarden.Client.send(Client.java:42)
        \tat java.base/java.lang.Thread.run(Thread.java:840)""";
    assertThat(redact(trace)).isEqualTo(trace
        .replace("198.51.100.23", demo("198.51.100.23"))
        .replace("ops@example.com", demo("ops@example.com")));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "upgraded to 1.2.3 from 1.2.3.4.5",
      "build v1.2.3.4 released",
      "at 10:15:30 and 2025-06-14T10:15:30.123Z",
      "mac 00:1a:2b:3c:4d:5e and 00-1A-2B-3C-4D-5E, guid 00:11:22:33:44:55:66:77",
      "trace 123e4567-e89b-12d3-a456-426614174000 / 123E4567-E89B-12D3-A456-426614174000",
      "ts=1795853643120 us=1795853643120123 ns=1795853643120123456",
      "order 4111111111111112 and 5555-5555-5555-4445",
      "std::vector<std::string> and Foo::bar() and ::",
      "field was [REDACTED:github-pat] and REDACTED and pii:demo:abcdefghijklmnop",
      "pi = 3.1415926535897932384, big = 41111111111111111111111",
      "hash 3f4111111111111111ab and x4111111111111111",
      "java.lang.Object@1b6d3586, @Override, npm i @scope/pkg@1.2.3",
      "version 10.0.19041.1 and 256.1.1.1 and 1.2.3.4a",
      "IBAN DE89 3704 0044 0532 0130 01 and DE89370400440532013001 and AB12CDEFGHIJKLMNOP",
      "ERROR [main] Ab:cd ef:01 12:34 Re: x:y:z",
  })
  void leavesWhatIsNotPersonalDataAlone(String line) {
    assertThat(scanner.redact(line, new RedactionCounts())).isSameAs(line);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "4012888888881881",
      "5555555555554444", "5105 1051 0510 5100", "2223003122003222", "378282246310005",
      "3782 822463 10005", "371449635398431", "6011111111111117", "4222222222222",
  })
  void masksCardNumbersThatPassLuhn(String card) {
    assertThat(redact("paid with " + card + ", thanks"))
        .isEqualTo("paid with [REDACTED:card-number], thanks");
    assertThat(countsOf("card=" + card)).containsExactly(Map.entry("card-number", 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "4111111111111112", "4111 1111 1111 1121", "5555555555554445", "378282246310006",
      "6011111111111118", "4222222222223",
  })
  void keepsTheSameDigitsWithOneChanged(String notACard) {
    String line = "paid with " + notACard + ", thanks";
    assertThat(scanner.redact(line, new RedactionCounts())).isSameAs(line);
  }

  @Test
  void masksOnlyTheCardInAWiderContext() {
    assertThat(redact("card 4111 1111 1111 1111 exp 12/27 cvv 123"))
        .isEqualTo("card [REDACTED:card-number] exp 12/27 cvv 123");
    assertThat(redact("4111111111111111,12,2027")).isEqualTo("[REDACTED:card-number],12,2027");
    assertThat(redact("{\"pan\":\"5555555555554444\"}"))
        .isEqualTo("{\"pan\":\"[REDACTED:card-number]\"}");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "GB82 WEST 1234 5698 7654 32",
      "NL91ABNA0417164300", "BE68 5390 0754 7034", "FR1420041010050500013M02606",
      "NO9386011117947", "CH9300762011623852957",
  })
  void masksValidIbans(String iban) {
    assertThat(redact("transfer to " + iban + " today"))
        .isEqualTo("transfer to [REDACTED:iban] today");
    assertThat(redact("iban=" + iban + ";")).isEqualTo("iban=[REDACTED:iban];");
    assertThat(countsOf(iban)).containsExactly(Map.entry("iban", 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "DE89 3704 0044 0532 0130 01", "DE88370400440532013000", "GB82WEST12345698765433",
      "BE68539007547034X", "XDE89370400440532013000",
  })
  void keepsIbansWithOneCharacterChanged(String notAnIban) {
    String line = "transfer to " + notAnIban + " today";
    assertThat(scanner.redact(line, new RedactionCounts())).isSameAs(line);
  }

  @Test
  void isIdempotent() {
    String line = "a@b.co 203.0.113.7+tag@example.com 2001:db8::1 4111111111111111 "
        + "DE89370400440532013000 [REDACTED:x] 10.0.0.1@x.org dead:1.2.3.4";
    String once = redact(line);
    assertThat(once).doesNotContain("203.0.113.7", "a@b.co", "4111", "DE89", "2001:db8");
    assertThat(scanner.redact(once, new RedactionCounts())).isSameAs(once);
  }

  /** Cases where a replacement changes a neighbour's context, found by the property test. */
  @ParameterizedTest
  @ValueSource(strings = {
      "1.2.3.4.5::", "a@b.co.4111111111111111", "1111::4111111111111111",
      "2001:db8::1.DE89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 00.4111111111111111",
      "DE89370400440532013000::10:15:30", "a@b.co-DE89 3704 0044 0532 0130 00",
      "203.0.113.7+tag@example.com",
  })
  void aSecondPassChangesNothing(String line) {
    String once = redact(line);
    assertThat(scanner.redact(once, new RedactionCounts())).isSameAs(once);
  }

  @Test
  void returnsTheSameInstanceAndCountsNothingWhenClean() {
    String line = "2025-06-14T10:15:30.123Z INFO [worker-3] c.e.Service - processed 1234 records "
        + "in 56 ms (p99 12.5 ms), queue=orders-v2, status=OK";
    RedactionCounts counts = new RedactionCounts();
    assertThat(scanner.redact(line, counts)).isSameAs(line);
    assertThat(counts.isEmpty()).isTrue();
    assertThat(scanner.redact(null, counts)).isNull();
    assertThat(scanner.redact("", null)).isEmpty();
    assertThat(scanner.redact("x 10.0.0.1", null)).isEqualTo("x " + demo("10.0.0.1"));
  }

  @Test
  void pseudonymizesIdentifierFields() {
    RedactionCounts counts = new RedactionCounts();
    assertThat(scanner.pseudonymizeField("alice", counts, "user")).isEqualTo(demo("alice"));
    assertThat(scanner.pseudonymizeField("Alice@Corp.example", counts, "user"))
        .isEqualTo(demo("alice@corp.example"));
    String pseudonym = demo("alice");
    assertThat(scanner.pseudonymizeField(pseudonym, counts, "user")).isSameAs(pseudonym);
    assertThat(scanner.pseudonymizeField(null, counts, "user")).isNull();
    assertThat(scanner.pseudonymizeField(" ", counts, "user")).isEqualTo(" ");
    assertThat(counts.asMap()).containsExactly(Map.entry("user", 2));
  }

  @Test
  void pseudonymizesOrTruncatesAddressFields() {
    RedactionCounts counts = new RedactionCounts();
    assertThat(scanner.addressField("203.0.113.7", false, counts)).isEqualTo(demo("203.0.113.7"));
    assertThat(scanner.addressField("2001:DB8::1", false, counts)).isEqualTo(demo("2001:db8::1"));
    assertThat(scanner.addressField("203.0.113.7", true, counts)).isEqualTo("203.0.113.0");
    assertThat(scanner.addressField("2001:db8:abcd:1::7", true, counts))
        .isEqualTo("2001:db8:abcd::");
    assertThat(scanner.addressField("WS-Alice.corp.example", true, counts))
        .isEqualTo(demo("ws-alice.corp.example"));
    assertThat(scanner.addressField("-", false, counts)).isEqualTo("-");
    assertThat(scanner.addressField("[2001:db8::1]", false, counts)).isEqualTo(demo("2001:db8::1"));
    String pseudonym = demo("203.0.113.7");
    assertThat(scanner.addressField(pseudonym, true, counts)).isSameAs(pseudonym);
    assertThat(counts.asMap()).containsExactly(Map.entry("ipv4", 1), Map.entry("ipv6", 2),
        Map.entry("ip-truncated", 2), Map.entry("hostname", 1));
  }
}
