package io.logwarden.redact.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The keyword pass: which ids' literals occur, ignoring case, and where. */
class KeywordAutomatonTest {

  private static final KeywordAutomaton AUTOMATON = new KeywordAutomaton(List.of(
      List.of("ghp_", "github_pat_"),   // 0
      List.of("pat"),                   // 1: inside another literal
      List.of("Heroku"),                // 2: written in upper case
      List.of("größe"),                 // 3: non-ASCII
      List.of("xoxb", "xoxe.xoxb-")));  // 4: overlapping

  private static List<Integer> ids(String text) {
    long[] hits = AUTOMATON.scan(text);
    List<Integer> ids = new ArrayList<>();
    for (int id = 0; id < 5; id++) {
      if (KeywordAutomaton.has(hits, id)) {
        ids.add(id);
      }
    }
    return ids;
  }

  @Test
  void findsEveryIdWhoseLiteralOccursIgnoringCase() {
    assertThat(ids("push with GHP_abc")).containsExactly(0);
    assertThat(ids("token github_pat_x")).containsExactly(0, 1);
    assertThat(ids("HEROKU_API_KEY=1 and heroku and Heroku")).containsExactly(2);
    assertThat(ids("die GRÖSSE ist größe")).containsExactly(3);
    assertThat(ids("xoxe.xoxb-1-abc")).containsExactly(4);
    assertThat(ids("pat")).containsExactly(1);
    assertThat(ids("pa")).isEmpty();
  }

  @Test
  void aTextWithoutAnyLiteralGivesNull() {
    assertThat(AUTOMATON.scan("GET /orders?page=2 200 35 ms")).isNull();
    assertThat(AUTOMATON.scan("")).isNull();
    assertThat(AUTOMATON.scan("gh")).isNull();
    assertThat(AUTOMATON.occurrences("nothing here", new long[] {-1L})).isNull();
  }

  @Test
  void occurrencesAreIdsAndStartsInOrderOfStart() {
    long[] all = {-1L};
    assertThat(AUTOMATON.occurrences("a xoxe.xoxb-1 b", all)).startsWith(2, 4, 2, 4, 7);
    int[] found = AUTOMATON.occurrences("github_pat_1 ghp_2", new long[] {1L}); // id 0 only
    assertThat(found).startsWith(2, 0, 0, 0, 13);
  }

  @Test
  void aLiteralShorterThanThreeCharactersIsRefused() {
    assertThatThrownBy(() -> new KeywordAutomaton(List.of(List.of("ab")))).isInstanceOf(IllegalArgumentException.class);
  }
}
