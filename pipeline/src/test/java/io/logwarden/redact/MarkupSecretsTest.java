package io.logwarden.redact;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.redact.SecretScannerTest.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Secrets in XML and HTML: the content or value goes, the markup stays. */
class MarkupSecretsTest {

  private final SecretScanner scanner = new SecretScanner();

  /** A markup shape holding a secret {@code S}. */
  record Shape(String name, UnaryOperator<String> wrap) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Shape> SHAPES = List.of(
      new Shape("element", s -> "<password>" + s + "</password>"),
      new Shape("camelCase element", s -> "<apiKey>" + s + "</apiKey>"),
      new Shape("WS-Security password", s -> "<wsse:UsernameToken><wsse:Username>svc</wsse:Username><wsse:Password "
          + "Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText\">" + s
          + "</wsse:Password></wsse:UsernameToken>"),
      new Shape("AccessToken element", s -> "<AccessToken>" + s + "</AccessToken>"),
      new Shape("namespaced ClientSecret", s -> "<ns:ClientSecret xmlns:ns=\"urn:example\">" + s + "</ns:ClientSecret>"),
      new Shape("CDATA", s -> "<secret><![CDATA[" + s + "]]></secret>"),
      new Shape("attribute", s -> "<datasource url=\"jdbc:h2:mem\" password=\"" + s + "\"/>"),
      new Shape(".NET appSettings", s -> "<appSettings><add key=\"ClientSecret\" value=\"" + s + "\"/></appSettings>"),
      new Shape("parameter name/value", s -> "<parameter name=\"password\" value=\"" + s + "\"/>"),
      new Shape("property content", s -> "<property name=\"db.password\">" + s + "</property>"),
      new Shape("property value", s -> "<property name=\"spring.datasource.password\" value=\"" + s + "\"/>"),
      new Shape("HTML password input", s -> "<form><input type=\"password\" name=\"pw\" value=\"" + s + "\"></form>"),
      new Shape("HTML input named password", s -> "<input name=\"password\" type=\"text\" value=\"" + s + "\" />"));

  static final List<Context> CONTEXTS = List.of(
      new Context("plain", false, s -> s),
      new Context("soap request logged", false, s -> "DEBUG o.a.c.s.Outbound - Outbound Message\nPayload: "
          + "<soap:Envelope><soap:Header>" + s + "</soap:Header></soap:Envelope>\n--------------------------------------"),
      new Context("json message", true, s -> "{\"level\":\"debug\",\"msg\":\"request body: " + s + "\",\"ms\":12}"),
      new Context("syslog", false, s -> "<134>1 2026-07-22T09:52:12.441Z app-3 config 9981 - - loaded " + s));

  static Stream<Arguments> shapesInContexts() {
    Random random = new Random(202);
    List<Arguments> out = new ArrayList<>();
    for (Shape shape : SHAPES) {
      for (Context context : CONTEXTS) {
        out.add(Arguments.of(shape, context, FakeSecrets.password(random)));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("shapesInContexts")
  void secretInMarkupGoes(Shape shape, Context context, String secret) {
    String line = context.render(shape.wrap().apply(secret));
    String out = scanner.redact(line, null);
    assertThat(out).contains("[REDACTED:secret-value]");
    Leaks.assertNoPieceSurvives(out, secret);
    assertThat(out).as("the markup around stays").isEqualTo(line.replace(secret, "[REDACTED:secret-value]"));
    assertThat(scanner.redact(out, null)).as("idempotent").isSameAs(out);
  }

  @Test
  void onlyTheContentOrValueGoes() {
    assertThat(redact("<password>hunter2hunter2</password>")).isEqualTo("<password>[REDACTED:secret-value]</password>");
    assertThat(redact("<add key=\"ClientSecret\" value=\"abc~DEF.123\"/>"))
        .isEqualTo("<add key=\"ClientSecret\" value=\"[REDACTED:secret-value]\"/>");
    assertThat(redact("<input type=\"password\" name=\"pw\" value=\"letmein99\">"))
        .isEqualTo("<input type=\"password\" name=\"pw\" value=\"[REDACTED:secret-value]\">");
    assertThat(redact("<Authorization>Bearer abcdef0123456789</Authorization>"))
        .isEqualTo("<Authorization>Bearer [REDACTED:authorization]</Authorization>");
  }

  @Test
  void aRecognisedTokenInMarkupTakesItsKind() {
    String token = "gh" + "p_" + FakeSecrets.chars(new Random(3), "abcdefghijklmnopqrstuvwxyz0123456789", 36);
    assertThat(redact("<token>" + token + "</token>")).isEqualTo("<token>[REDACTED:github-pat]</token>");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<PasswordPolicy>strict</PasswordPolicy>",
      "<input type=\"text\" name=\"user\" value=\"bob\">",
      "<input type=\"password\" name=\"pw\" value=\"\">",
      "usage: login <user> <password> [--verbose]",
      "<token_type>Bearer</token_type><expires_in>3600</expires_in>",
      "<NextToken>eyJvZmZzZXQiOjEwMH0</NextToken>",
      "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">\n  <ds:SignedInfo/>\n</ds:Signature>",
      "<add key=\"LogLevel\" value=\"Debug\"/>",
      "<property name=\"db.url\">jdbc:postgresql://db/orders</property>",
      "<password/>",
      "<password>none</password>",
      "<134>1 2026-07-22T09:52:12.441Z host app - - x < y and a<b"})
  void markupWithoutASecretStays(String line) {
    assertThat(scanner.redact(line, null)).isSameAs(line);
  }

  private String redact(String line) {
    return scanner.redact(line, null);
  }
}
