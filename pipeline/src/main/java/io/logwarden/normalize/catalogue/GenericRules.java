package io.logwarden.normalize.catalogue;

import io.logwarden.normalize.ParsedEvent;
import io.logwarden.normalize.json.JsonFields;
import io.logwarden.normalize.json.JsonFields.Path;
import io.logwarden.schema.Category;
import io.logwarden.schema.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules for records that no catalogue entry claims: a JSON record whose event type names a
 * sign-in and that says how it ended and who or where from; a JSON record whose event type creates,
 * changes or deletes a role, permission, policy, setting, key, member or user, with an actor; a text
 * line with a failed-sign-in phrase and a user or an address. Each is careful: naming "login" is not
 * enough, so a button click or a request to a login page stays what it was.
 */
public final class GenericRules {

  /** Entry name of a JSON sign-in found by the generic rule. */
  public static final String JSON_SIGN_IN = "generic:json_sign_in";
  /** Entry name of a JSON configuration change found by the generic rule. */
  public static final String JSON_CONFIG_CHANGE = "generic:json_config_change";
  /** Entry name of a text failed sign-in found by the generic rule. */
  public static final String TEXT_SIGN_IN_FAILURE = "generic:text_sign_in_failure";
  /** Every generic rule, for listings and checks. */
  public static final List<String> RULES = List.of(JSON_SIGN_IN, JSON_CONFIG_CHANGE, TEXT_SIGN_IN_FAILURE);

  private static final Path[] EVENT_TYPE = JsonFields.paths("event.action", "eventType", "event_type", "eventName",
      "event_name", "action", "type", "event", "operation", "operationName", "activity", "name");
  private static final Path[] OUTCOME = JsonFields.paths("event.outcome", "outcome", "outcome.result", "result",
      "status", "success", "succeeded");
  private static final Path[] ERROR = JsonFields.paths("error", "error.message", "reason", "failure_reason", "failureReason");
  private static final Path[] ACTOR = JsonFields.paths("user.name", "user", "username", "user_name", "userName",
      "login", "email", "user.email", "actor", "actor.name", "actor.id", "actor.email", "actor.alternateId",
      "principal", "subject", "user_id", "userId", "account");
  private static final Path[] ADDRESS = JsonFields.paths("source.ip", "source.address", "client.ip", "client.address",
      "client_ip", "clientIp", "remote_addr", "remote_ip", "ip", "ip_address", "ipAddress", "src_ip", "sourceIp",
      "callerIpAddress");

  private static final Set<String> SIGN_IN_WORDS = Set.of("signin", "login", "logon", "authenticate",
      "authentication", "authenticated", "authn", "auth");
  // Tokens that say the event is about a sign-in's user interface or a service, not an attempt.
  private static final Set<String> NOT_AN_ATTEMPT = Set.of("button", "click", "clicked", "page", "view", "viewed",
      "shown", "show", "open", "opened", "form", "screen", "link", "modal", "dialog", "service", "server", "rendered",
      "impression", "tab", "banner");
  private static final Set<String> FAILURE_WORDS = Set.of("fail", "failed", "failure", "denied", "rejected", "error",
      "invalid", "bad", "unsuccessful", "blocked");
  private static final Set<String> SUCCESS_WORDS = Set.of("success", "succeeded", "successful", "ok", "accepted");
  private static final Set<String> CHANGE_VERBS = Set.of("create", "created", "add", "added", "update", "updated",
      "delete", "deleted", "remove", "removed", "modify", "modified", "change", "changed", "grant", "granted", "revoke",
      "revoked", "assign", "assigned", "unassign", "unassigned", "set", "reset", "enable", "enabled", "disable",
      "disabled", "rotate", "rotated", "edit", "edited", "destroy", "destroyed", "insert", "patch", "patched");
  private static final Map<String, String> CHANGE_OBJECTS = Map.ofEntries(
      Map.entry("role", "permission"), Map.entry("roles", "permission"), Map.entry("permission", "permission"),
      Map.entry("permissions", "permission"), Map.entry("member", "permission"), Map.entry("members", "permission"),
      Map.entry("membership", "permission"), Map.entry("group", "permission"), Map.entry("privilege", "permission"),
      Map.entry("acl", "permission"), Map.entry("policy", "policy"), Map.entry("policies", "policy"),
      Map.entry("setting", "setting"), Map.entry("settings", "setting"), Map.entry("config", "setting"),
      Map.entry("configuration", "setting"), Map.entry("key", "setting"), Map.entry("apikey", "setting"),
      Map.entry("token", "setting"), Map.entry("secret", "setting"), Map.entry("user", "account"),
      Map.entry("users", "account"), Map.entry("account", "account"), Map.entry("password", "account"),
      Map.entry("mfa", "account"), Map.entry("audit", "audit"));

  private GenericRules() {}

  /** The outcome a common word stands for, or null. */
  public static Outcome outcomeWord(String text) {
    if (text == null) {
      return null;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "success", "succeeded", "successful", "ok", "allowed", "allow", "true", "pass", "passed" -> Outcome.SUCCESS;
      case "failure", "failed", "fail", "denied", "deny", "error", "false", "rejected", "blocked" -> Outcome.FAILURE;
      default -> null;
    };
  }

  /** Applies the JSON rules to a record no entry claimed; the rule's name, or null when none applies. */
  public static String classifyJson(ParsedEvent event, FieldLookup fields) {
    if (!hasTypeKey(fields)) {
      return null;
    }
    String type = fields.text(EVENT_TYPE);
    if (type == null || type.length() > 200) {
      return null;
    }
    List<String> tokens = tokens(type);
    boolean signIn = false;
    boolean notAttempt = false;
    Outcome named = null;
    String verb = null;
    String object = null;
    for (String token : tokens) {
      signIn |= SIGN_IN_WORDS.contains(token);
      notAttempt |= NOT_AN_ATTEMPT.contains(token);
      if (FAILURE_WORDS.contains(token)) {
        named = Outcome.FAILURE;
      } else if (named == null && SUCCESS_WORDS.contains(token)) {
        named = Outcome.SUCCESS;
      }
      if (CHANGE_VERBS.contains(token)) {
        verb = token;
      }
      if (object == null && CHANGE_OBJECTS.containsKey(token)) {
        object = token;
      }
    }
    String actor = fields.text(ACTOR);
    String address = fields.text(ADDRESS);
    if (signIn && !notAttempt) {
      Outcome outcome = named != null ? named : outcomeOf(fields);
      if (outcome == null || (actor == null && address == null)) {
        return null;
      }
      event.category = Category.AUTHENTICATION;
      event.action = "sign_in";
      event.outcome = outcome;
      fillActor(event, actor, address);
      event.classifiedBy(JSON_SIGN_IN);
      return JSON_SIGN_IN;
    }
    if (verb != null && object != null && !notAttempt && actor != null) {
      event.category = Category.SECURITY;
      event.action = "config_change";
      Outcome outcome = named != null ? named : outcomeOf(fields);
      event.outcome = outcome == null ? Outcome.UNKNOWN : outcome;
      fillActor(event, actor, address);
      event.attribute(CanonicalFields.CHANGE_KIND, CHANGE_OBJECTS.get(object));
      event.classifiedBy(JSON_CONFIG_CHANGE);
      return JSON_CONFIG_CHANGE;
    }
    return null;
  }

  // Most records have none of the event-type keys: one pass over the record's keys says so, instead of a
  // lookup of each candidate path.
  private static boolean hasTypeKey(FieldLookup fields) {
    java.util.Iterator<String> keys = fields.keys();
    while (keys.hasNext()) {
      String key = keys.next();
      int dot = key.indexOf('.');
      if (TYPE_KEYS.contains(dot < 0 ? key : key.substring(0, dot))) {
        return true;
      }
    }
    return false;
  }

  private static final Set<String> TYPE_KEYS = typeKeys();

  private static Set<String> typeKeys() {
    java.util.Set<String> keys = new java.util.HashSet<>();
    for (Path path : EVENT_TYPE) {
      String dotted = path.toString();
      int dot = dotted.indexOf('.');
      keys.add(dot < 0 ? dotted : dotted.substring(0, dot));
    }
    return Set.copyOf(keys);
  }

  private static void fillActor(ParsedEvent event, String actor, String address) {
    if (event.user == null && !CanonicalFields.isAbsent(actor)) {
      event.user = actor;
    }
    if (event.sourceAddress == null && !CanonicalFields.isAbsent(address)) {
      event.sourceAddress = address;
    }
  }

  private static Outcome outcomeOf(FieldLookup fields) {
    String text = fields.text(OUTCOME);
    if (text != null) {
      Outcome word = outcomeWord(text);
      if (word != null) {
        return word;
      }
      if (text.length() == 3 && text.charAt(0) >= '1' && text.charAt(0) <= '5') {
        if (text.startsWith("2")) {
          return Outcome.SUCCESS;
        }
        if (text.equals("401") || text.equals("403")) {
          return Outcome.FAILURE;
        }
      }
    }
    String error = fields.text(ERROR);
    return CanonicalFields.isAbsent(error) || error.equals("false") || error.equals("null") ? null : Outcome.FAILURE;
  }

  /** The lower-case words of an event type: split at punctuation, spaces and camel case. */
  static List<String> tokens(String type) {
    List<String> tokens = new ArrayList<>(6);
    StringBuilder token = new StringBuilder();
    for (int i = 0; i < type.length(); i++) {
      char c = type.charAt(i);
      boolean boundary = !Character.isLetterOrDigit(c)
          || (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(type.charAt(i - 1)));
      if (boundary && token.length() > 0) {
        tokens.add(token.toString());
        token.setLength(0);
      }
      if (Character.isLetterOrDigit(c)) {
        token.append(Character.toLowerCase(c));
      }
    }
    if (token.length() > 0) {
      tokens.add(token.toString());
    }
    // "sign_in", "log_in", "log-on" are one word to a reader.
    for (int i = 0; i + 1 < tokens.size(); i++) {
      String joined = tokens.get(i) + tokens.get(i + 1);
      if (joined.equals("signin") || joined.equals("login") || joined.equals("logon")) {
        tokens.set(i, joined);
        tokens.remove(i + 1);
      }
    }
    return tokens;
  }

  // ---- text

  private static final String[] PHRASES = {
      "login failed", "failed login", "authentication failure", "authentication failed", "failed password",
      "bad password", "invalid credentials", "invalid password", "logon failure"};

  /** Applies the text rule to a message no entry claimed; the rule's name, or null when it does not apply. */
  public static String classifyText(ParsedEvent event, String text) {
    if (text == null || text.length() > 4096 || !mayHavePhrase(text) || !hasPhrase(text)) {
      return null;
    }
    Map<String, String> pairs = KeyValues.parse(text);
    String user = first(pairs, "user", "username", "user_name", "login", "account", "acct", "uid_name");
    if (user == null) {
      user = wordAfter(text, "for user ");
    }
    if (user == null) {
      user = wordAfter(text, "user ");
    }
    String address = first(pairs, "rhost", "ip", "client", "client_ip", "src", "src_ip", "addr", "remote", "remote_addr",
        "source", "from");
    if (address == null) {
      address = wordAfter(text, "from ");
    }
    if (address != null && !looksLikeHost(address)) {
      address = null;
    }
    if (user == null && address == null) {
      return null;
    }
    event.category = Category.AUTHENTICATION;
    event.action = "sign_in";
    event.outcome = Outcome.FAILURE;
    if (event.user == null) {
      event.user = user;
    }
    if (event.sourceAddress == null) {
      event.sourceAddress = address;
    }
    event.classifiedBy(TEXT_SIGN_IN_FAILURE);
    return TEXT_SIGN_IN_FAILURE;
  }

  // Every phrase holds "ail", "ssword" or "edential" (any case): a few intrinsic scans rule most lines out.
  private static boolean mayHavePhrase(String text) {
    return text.indexOf("ail") >= 0 || text.indexOf("AIL") >= 0 || text.indexOf("ssword") >= 0
        || text.indexOf("SSWORD") >= 0 || text.indexOf("edential") >= 0 || text.indexOf("EDENTIAL") >= 0;
  }

  // A phrase as whole words, not after "more": PAM's "N more authentication failure(s)" sums up attempts
  // already counted; "authentication failure counter" names a thing, not an event.
  private static boolean hasPhrase(String text) {
    for (int i = 0; i < text.length(); i++) {
      char first = (char) (text.charAt(i) | 0x20);
      // Every phrase opens with one of these letters, at the start of a word.
      if ((first != 'l' && first != 'f' && first != 'a' && first != 'b' && first != 'i')
          || (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)))) {
        continue;
      }
      for (String phrase : PHRASES) {
        if ((phrase.charAt(0)) != first) {
          continue;
        }
        int end = i + phrase.length();
        if (text.regionMatches(true, i, phrase, 0, phrase.length())
            && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))
            && !followedByNoun(text, end) && !text.regionMatches(true, Math.max(0, i - 5), "more ", 0, 5)) {
          return true;
        }
      }
    }
    return false;
  }

  // "authentication failure counter reset", "login failed handler": the phrase names a thing, not an event.
  private static boolean followedByNoun(String text, int end) {
    int start = end;
    while (start < text.length() && text.charAt(start) == ' ') {
      start++;
    }
    int wordEnd = start;
    while (wordEnd < text.length() && Character.isLetter(text.charAt(wordEnd))) {
      wordEnd++;
    }
    String next = text.substring(start, wordEnd).toLowerCase(Locale.ROOT);
    return NOUNS_AFTER.contains(next);
  }

  private static final Set<String> NOUNS_AFTER = Set.of("counter", "counters", "count", "handler", "handlers",
      "metric", "metrics", "threshold", "limit", "policy", "page", "rate", "test", "tests");

  private static String first(Map<String, String> pairs, String... keys) {
    for (String key : keys) {
      String value = pairs.get(key);
      if (!CanonicalFields.isAbsent(value)) {
        return value;
      }
    }
    return null;
  }

  private static String wordAfter(String text, String marker) {
    int at = indexOfIgnoreCase(text, marker);
    if (at < 0) {
      return null;
    }
    int start = at + marker.length();
    int end = start;
    while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != ','
        && text.charAt(end) != ';' && text.charAt(end) != ')') {
      end++;
    }
    String word = text.substring(start, end);
    if (word.length() >= 2 && (word.charAt(0) == '\'' || word.charAt(0) == '"')) {
      word = word.substring(1, word.length() - (word.endsWith("'") || word.endsWith("\"") ? 1 : 0));
    }
    return CanonicalFields.isAbsent(word) ? null : word;
  }

  private static int indexOfIgnoreCase(String text, String marker) {
    for (int i = 0; i + marker.length() <= text.length(); i++) {
      if (text.regionMatches(true, i, marker, 0, marker.length())) {
        return i;
      }
    }
    return -1;
  }

  // An address or a host name: digits, hex, dots and colons, or a dotted name; not prose.
  private static boolean looksLikeHost(String value) {
    if (value.length() > 255) {
      return false;
    }
    boolean dotOrColon = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '.' || c == ':') {
        dotOrColon = true;
      } else if (!Character.isLetterOrDigit(c) && c != '-' && c != '[' && c != ']' && c != '%') {
        return false;
      }
    }
    return dotOrColon;
  }
}
