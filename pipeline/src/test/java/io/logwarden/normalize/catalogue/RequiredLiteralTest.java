package io.logwarden.normalize.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequiredLiteralTest {

  @Test
  void theLongestTopLevelRunOutsideGroupsAndQuantifiers() {
    assertThat(RequiredLiteral.of("^(?:FAILED LOGIN \\d+|FAILED LOGIN SESSION) FROM (?P<from>\\S+) FOR (?P<user>.*), x"))
        .isEqualTo(" FROM ");
    assertThat(RequiredLiteral.of("\\(auth failed, (?P<n>\\d+) attempts in \\d+ secs\\)")).isEqualTo("(auth failed, ");
    assertThat(RequiredLiteral.of("abc{2,3}defgh")).isEqualTo("defgh");
    assertThat(RequiredLiteral.of("abcd?efg")).isEqualTo("abc");
    assertThat(RequiredLiteral.of("[a-z]{3} TLS Auth Error: x")).isEqualTo(" TLS Auth Error: x");
  }

  @Test
  void noneWhenTheTopLevelAlternatesOrFlagsChangeMatching() {
    assertThat(RequiredLiteral.of("foo bar|baz qux")).isNull();
    assertThat(RequiredLiteral.of("(?i)^Microsoft\\.Authorization/x$")).isNull();
    assertThat(RequiredLiteral.of("ab")).isNull();
  }

  @Test
  void everyMatchContainsIt() {
    String regex = "^\\s*(?P<u>[^\\s:]+) : (?P<r>\\d+ incorrect password attempts?) ; COMMAND=(?P<c>.+)$";
    String literal = RequiredLiteral.of(regex);
    assertThat(literal).isEqualTo(" ; COMMAND=");
    String line = "alice : 3 incorrect password attempts ; COMMAND=/bin/sh";
    assertThat(com.google.re2j.Pattern.compile(regex).matcher(line).find()).isTrue();
    assertThat(line).contains(literal);
  }
}
