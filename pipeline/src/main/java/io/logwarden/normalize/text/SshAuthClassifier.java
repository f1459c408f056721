package io.logwarden.normalize.text;

import io.logwarden.normalize.ParsedEvent;
import io.logwarden.schema.Category;
import io.logwarden.schema.Outcome;

/**
 * Recognises sign-ins in sshd and PAM messages and fills category, action, outcome, user and the
 * remote address (never the logging host). Failures: a PAM {@code authentication failure;} line,
 * sshd's {@code Failed <method> for [invalid user ]USER from ADDR port P}, {@code Authentication
 * failed [from ADDR]}. Successes: sshd's {@code Accepted <method> for USER from ADDR port P} and a
 * {@code session opened for user USER} logged by sshd. Notices about the same attempts ({@code
 * Invalid user}, {@code PAM N more authentication failures}, {@code check pass; user unknown},
 * disconnects, reverse-mapping warnings) are not sign-ins and are left alone, so that an attempt
 * is counted once per line that reports its result.
 */
public final class SshAuthClassifier {

  /** The action of a sign-in event. */
  public static final String SIGN_IN = "sign_in";
  /** Attribute: the authentication method sshd names, e.g. {@code password}, {@code publickey}. */
  public static final String AUTH_METHOD = "ssh.auth_method";
  /** Attribute: {@code true} when sshd said the user does not exist. */
  public static final String INVALID_USER = "ssh.invalid_user";
  /** Attribute: the PAM service that authenticated, e.g. {@code sshd}. */
  public static final String PAM_SERVICE = "pam.service";

  private static final String PAM_FAILURE = "): authentication failure;";
  private static final String AUTHENTICATION_FAILED = "authentication failed";
  private static final String SESSION_OPENED = "session opened for user ";

  private SshAuthClassifier() {}

  /**
   * Classifies the event by its message (and, for sshd's own forms, its process, which must be
   * unknown or start with {@code sshd}); true when it is a sign-in. Other events are untouched.
   */
  public static boolean classify(ParsedEvent event) {
    String message = event.message;
    if (message == null || message.isEmpty()) {
      return false;
    }
    String process = event.process;
    boolean sshd = process != null && process.startsWith("sshd");
    boolean maybeSshd = process == null || sshd;
    char first = message.charAt(0);
    if (first == 'F' && maybeSshd && message.startsWith("Failed ")) {
      return sshdResult(event, message, 7, Outcome.FAILURE);
    }
    if (first == 'A' && maybeSshd && message.startsWith("Accepted ")) {
      return sshdResult(event, message, 9, Outcome.SUCCESS);
    }
    if (first == 'p' && message.startsWith("pam_")) {
      if (pamFailure(event, message)) {
        return true;
      }
    }
    if ((first == 'A' || first == 'a') && authenticationFailed(event, message)) {
      return true;
    }
    return sshd && sessionOpened(event, message);
  }

  // "Failed password for invalid user admin from 192.0.2.77 port 52114 ssh2"; the address is
  // searched from the end for failures, because an attacker chooses the user name and could put
  // " from 10.0.0.1 port 1" into it; for successes from the start, because what follows the port
  // (a certificate's id) is the free text there.
  private static boolean sshdResult(ParsedEvent event, String message, int methodStart, Outcome outcome) {
    int methodEnd = message.indexOf(' ', methodStart);
    if (methodEnd <= methodStart || !message.startsWith("for ", methodEnd + 1)) {
      return false;
    }
    int userStart = methodEnd + 5;
    boolean invalid = outcome == Outcome.FAILURE && message.startsWith("invalid user ", userStart);
    if (invalid) {
      userStart += "invalid user ".length();
    }
    int from = outcome == Outcome.FAILURE
        ? message.lastIndexOf(" from ")
        : message.indexOf(" from ", userStart);
    if (from < userStart - 1) {
      return false;
    }
    int addressStart = from + 6;
    int addressEnd = TextScan.tokenEnd(message, addressStart, message.length());
    if (addressEnd == addressStart || !message.startsWith(" port ", addressEnd)) {
      return false;
    }
    int portStart = addressEnd + 6;
    int portEnd = TextScan.tokenEnd(message, portStart, message.length());
    Integer port = TextScan.port(message, portStart, portEnd);
    if (port == null) {
      return false;
    }
    signIn(event, outcome);
    event.user = from > userStart ? message.substring(userStart, from) : null;
    event.sourceAddress = message.substring(addressStart, addressEnd);
    event.sourcePort = port;
    event.attribute(AUTH_METHOD, message.substring(methodStart, methodEnd));
    if (invalid) {
      event.attribute(INVALID_USER, "true");
    }
    return true;
  }

  // "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=ADDR  user=USER".
  // "PAM 2 more authentication failures; ..." does not open with a module name and is not matched.
  private static boolean pamFailure(ParsedEvent event, String message) {
    int open = message.indexOf('(');
    int close = message.indexOf(')');
    if (open < 0 || close < open || message.indexOf(' ') < close
        || !message.startsWith(PAM_FAILURE, close)) {
      return false;
    }
    signIn(event, Outcome.FAILURE);
    int colon = message.indexOf(':', open);
    event.attribute(PAM_SERVICE, message.substring(open + 1, colon > open && colon < close ? colon : close));
    // PAM writes rhost before user, and user (the name the client offered) last: the first rhost
    // and the first user after it, so that a crafted name like "x rhost=10.0.0.1" changes nothing.
    int i = close + PAM_FAILURE.length();
    int end = message.length();
    boolean afterRhost = false;
    while (i < end) {
      while (i < end && message.charAt(i) == ' ') {
        i++;
      }
      int tokenEnd = TextScan.tokenEnd(message, i, end);
      if (!afterRhost && message.startsWith("rhost=", i)) {
        afterRhost = true;
        event.sourceAddress = tokenEnd > i + 6 ? message.substring(i + 6, tokenEnd) : null;
      } else if (afterRhost && message.startsWith("user=", i)) {
        event.user = tokenEnd > i + 5 ? message.substring(i + 5, tokenEnd) : null;
        break;
      }
      i = tokenEnd;
    }
    return true;
  }

  // "Authentication failed." or "Authentication failed from 192.0.2.7 [port 22]"; any other
  // continuation ("... for the service") is too loose to call a sign-in.
  private static boolean authenticationFailed(ParsedEvent event, String message) {
    if (!message.regionMatches(true, 0, AUTHENTICATION_FAILED, 0, AUTHENTICATION_FAILED.length())) {
      return false;
    }
    int i = AUTHENTICATION_FAILED.length();
    int end = message.length();
    if (message.startsWith(" from ", i)) {
      int addressStart = i + 6;
      int addressEnd = TextScan.tokenEnd(message, addressStart, end);
      while (addressEnd > addressStart && isTrailingPunctuation(message.charAt(addressEnd - 1))) {
        addressEnd--;
      }
      if (addressEnd == addressStart) {
        return false;
      }
      signIn(event, Outcome.FAILURE);
      event.sourceAddress = message.substring(addressStart, addressEnd);
      int after = TextScan.tokenEnd(message, addressStart, end);
      if (message.startsWith(" port ", after)) {
        int portStart = after + 6;
        int portEnd = portStart;
        while (portEnd < end && TextScan.isDigit(message.charAt(portEnd))) {
          portEnd++;
        }
        event.sourcePort = TextScan.port(message, portStart, portEnd);
      }
      return true;
    }
    for (int k = i; k < end; k++) {
      char c = message.charAt(k);
      if (!isTrailingPunctuation(c) && c != ' ') {
        return false;
      }
    }
    signIn(event, Outcome.FAILURE);
    return true;
  }

  // "pam_unix(sshd:session): session opened for user fztu by (uid=0)", or "user fztu(uid=1000)".
  private static boolean sessionOpened(ParsedEvent event, String message) {
    int at = message.indexOf(SESSION_OPENED);
    if (at < 0) {
      return false;
    }
    int start = at + SESSION_OPENED.length();
    int end = start;
    while (end < message.length() && message.charAt(end) != ' ' && message.charAt(end) != '(') {
      end++;
    }
    if (end == start) {
      return false;
    }
    signIn(event, Outcome.SUCCESS);
    event.user = message.substring(start, end);
    return true;
  }

  private static boolean isTrailingPunctuation(char c) {
    return c == '.' || c == ',' || c == ';' || c == '!';
  }

  private static void signIn(ParsedEvent event, Outcome outcome) {
    event.category = Category.AUTHENTICATION;
    event.action = SIGN_IN;
    event.outcome = outcome;
  }
}
