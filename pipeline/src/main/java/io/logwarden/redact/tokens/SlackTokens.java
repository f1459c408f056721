package io.logwarden.redact.tokens;

import static io.logwarden.redact.tokens.CharClasses.PATH;
import static io.logwarden.redact.tokens.CharClasses.SLACK;
import static io.logwarden.redact.tokens.TokenShape.body;

/**
 * Slack: bot, user, app-level, refresh, configuration and legacy tokens ({@code xoxb- xoxp- xoxa-
 * xoxr- xoxs- xoxe-}, {@code xapp-}) and incoming webhook URLs ({@code hooks.slack.com/services/},
 * {@code /workflows/}, {@code /triggers/}). A webhook goes whole, its scheme included, so the marker
 * reads as a URL was there.
 */
public final class SlackTokens {

  public static final String TOKEN = "slack-token";
  public static final String WEBHOOK = "slack-webhook";

  private static final String HOST = "hooks.slack.com/";

  public static final TokenFamily FAMILY = new TokenFamily("Slack",
      TokenShape.of("xoxb-", TOKEN, body(5, SLACK, 10)),
      TokenShape.of("xoxp-", TOKEN, body(5, SLACK, 10)),
      TokenShape.of("xoxa-", TOKEN, body(5, SLACK, 10)),
      TokenShape.of("xoxr-", TOKEN, body(5, SLACK, 10)),
      TokenShape.of("xoxs-", TOKEN, body(5, SLACK, 10)),
      TokenShape.of("xoxe-", TOKEN, body(5, SLACK, 10)),
      TokenShape.of("xapp-", TOKEN, body(5, SLACK, 10)),
      TokenShape.of(HOST, WEBHOOK, SlackTokens::webhookEnd).with(SlackTokens::scheme));

  private SlackTokens() {}

  private static int webhookEnd(String t, int i) {
    int p = i + HOST.length();
    if (t.startsWith("services/", p) || t.startsWith("workflows/", p) || t.startsWith("triggers/", p)) {
      int e = CharClasses.run(t, p, t.length(), PATH);
      return e - p >= 30 ? e : -1;
    }
    return -1;
  }

  /** The scheme before the host goes too (the spans overlap, so they merge into one replacement). */
  private static void scheme(String t, int start, int end, TokenShape.Sink sink) {
    if (start >= 8 && t.startsWith("https://", start - 8)) {
      sink.add(start - 8, end, WEBHOOK);
    } else if (start >= 7 && t.startsWith("http://", start - 7)) {
      sink.add(start - 7, end, WEBHOOK);
    }
  }
}
