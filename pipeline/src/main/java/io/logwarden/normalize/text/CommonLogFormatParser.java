package io.logwarden.normalize.text;

import io.logwarden.normalize.ParseContext;
import io.logwarden.normalize.ParsedEvent;
import io.logwarden.normalize.SeverityScale;
import io.logwarden.schema.Outcome;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * The web servers' access log, Common Log Format and its Combined extension: {@code host ident
 * authuser [dd/Mon/yyyy:HH:mm:ss Z] "METHOD PATH PROTO" status bytes ["referer" "user-agent"]}.
 * Fields use ECS names; 5xx is an error, 4xx a warning. What a request is (a sign-in, an access
 * refusal) is the source catalogue's to say, from these fields (its web_access entries).
 */
public final class CommonLogFormatParser extends ScannedTextParser<CommonLogFormatParser.Line> {

  public static final String FORMAT = "clf";
  /** The action of an access-log event that is not a sign-in. */
  public static final String REQUEST = "request";
  // Attribute names, as ECS spells them.
  public static final String METHOD = "http.request.method";
  public static final String PATH = "url.path";
  public static final String DOMAIN = "url.domain";
  public static final String QUERY = "url.query";
  public static final String VERSION = "http.version";
  public static final String STATUS = "http.response.status_code";
  public static final String BYTES = "http.response.body.bytes";
  public static final String REFERRER = "http.request.referrer";
  public static final String USER_AGENT = "user_agent.original";

  // "22/Jul/2026:09:54:02 +0000"
  private static final int DATE_CHARS = 26;

  public CommonLogFormatParser() {
    super(FORMAT);
  }

  @Override
  List<ParsedEvent> read(Line parts, String line, ParseContext context) {
    ParsedEvent event = new ParsedEvent();
    event.time = parts.time;
    event.sourceAddress = dashIsNull(line.substring(0, parts.identStart - 1));
    event.user = dashIsNull(line.substring(parts.userStart, parts.userEnd));
    event.message = parts.request;
    event.action = REQUEST;
    String method = null;
    String path = null;
    String request = parts.request;
    int firstSpace = request.indexOf(' ');
    if (firstSpace > 0) {
      method = request.substring(0, firstSpace);
      int lastSpace = request.lastIndexOf(' ');
      String target;
      if (lastSpace > firstSpace && request.startsWith("HTTP/", lastSpace + 1)) {
        target = request.substring(firstSpace + 1, lastSpace);
        event.attribute(VERSION, request.substring(lastSpace + 6));
      } else {
        target = request.substring(firstSpace + 1);
      }
      int question = target.indexOf('?');
      path = question < 0 ? target : target.substring(0, question);
      // A proxy's absolute-form target ("GET http://host/path"): the path is what follows the host.
      int scheme = path.indexOf("://");
      if (scheme > 0 && scheme < 6) {
        int slash = path.indexOf('/', scheme + 3);
        event.attribute(DOMAIN, path.substring(scheme + 3, slash < 0 ? path.length() : slash));
        path = slash < 0 ? "/" : path.substring(slash);
      }
      event.attribute(METHOD, method);
      event.attribute(PATH, path);
      if (question >= 0) {
        event.attribute(QUERY, target.substring(question + 1));
      }
    }
    int status = parts.status;
    if (status >= 0) {
      event.attribute(STATUS, Integer.toString(status));
      event.severityNumber = status >= 500 ? SeverityScale.ERROR : status >= 400 ? SeverityScale.WARN : SeverityScale.INFO;
      event.outcome = status >= 400 ? Outcome.FAILURE : Outcome.SUCCESS;
    } else {
      event.severityNumber = SeverityScale.INFO;
    }
    event.attribute(BYTES, parts.bytes);
    event.attribute(REFERRER, parts.referrer);
    event.attribute(USER_AGENT, parts.userAgent);
    return List.of(event);
  }

  /** The parts of a well-formed line. */
  static final class Line {
    int identStart;
    int userStart;
    int userEnd;
    Instant time;
    String request;
    int status = -1;
    String bytes;
    String referrer;
    String userAgent;
  }

  @Override
  Line scan(String line) {
    int length = line.length();
    Line parts = new Line();
    int hostEnd = TextScan.tokenEnd(line, 0, length);
    if (hostEnd == 0 || hostEnd >= length) {
      return null;
    }
    parts.identStart = hostEnd + 1;
    int identEnd = TextScan.tokenEnd(line, parts.identStart, length);
    if (identEnd == parts.identStart || identEnd >= length) {
      return null;
    }
    parts.userStart = identEnd + 1;
    parts.userEnd = TextScan.tokenEnd(line, parts.userStart, length);
    int open = parts.userEnd + 1;
    if (parts.userEnd == parts.userStart || open + DATE_CHARS + 3 >= length
        || line.charAt(open) != '[' || line.charAt(open + DATE_CHARS + 1) != ']'
        || line.charAt(open + DATE_CHARS + 2) != ' ' || line.charAt(open + DATE_CHARS + 3) != '"') {
      return null;
    }
    parts.time = time(line, open + 1);
    if (parts.time == null) {
      return null;
    }
    int requestStart = open + DATE_CHARS + 4;
    int requestEnd = quoteEnd(line, requestStart);
    if (requestEnd < 0) {
      return null;
    }
    parts.request = unescape(line, requestStart, requestEnd);
    int i = requestEnd + 1;
    if (i >= length || line.charAt(i) != ' ') {
      return null;
    }
    int statusEnd = TextScan.tokenEnd(line, i + 1, length);
    if (statusEnd - i - 1 == 3) {
      parts.status = TextScan.digits(line, i + 1, 3);
    }
    if (parts.status < 0 && !(statusEnd == i + 2 && line.charAt(i + 1) == '-')) {
      return null;
    }
    if (statusEnd >= length) {
      return null;
    }
    int bytesEnd = TextScan.tokenEnd(line, statusEnd + 1, length);
    String bytes = line.substring(statusEnd + 1, bytesEnd);
    if (!bytes.equals("-")) {
      if (bytes.isEmpty() || bytes.length() > 19 || !allDigits(bytes)) {
        return null;
      }
      parts.bytes = bytes;
    }
    // Combined: "referer" "user-agent"; anything after them (nginx extras) is ignored.
    i = bytesEnd + 1;
    if (i < length && line.charAt(i) == '"') {
      int refererEnd = quoteEnd(line, i + 1);
      if (refererEnd > 0) {
        parts.referrer = dashIsNull(unescape(line, i + 1, refererEnd));
        int agent = refererEnd + 2;
        if (agent < length && line.charAt(agent - 1) == ' ' && line.charAt(agent) == '"') {
          int agentEnd = quoteEnd(line, agent + 1);
          if (agentEnd > 0) {
            parts.userAgent = dashIsNull(unescape(line, agent + 1, agentEnd));
          }
        }
      }
    }
    return parts;
  }

  // "22/Jul/2026:09:54:02 +0000"
  private static Instant time(String line, int at) {
    int day = TextScan.digits(line, at, 2);
    int month = TextScan.month(line, at + 3);
    int year = TextScan.digits(line, at + 7, 4);
    int hour = TextScan.digits(line, at + 12, 2);
    int minute = TextScan.digits(line, at + 15, 2);
    int second = TextScan.digits(line, at + 18, 2);
    if (day < 1 || month < 0 || year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 60 || line.charAt(at + 2) != '/' || line.charAt(at + 6) != '/'
        || line.charAt(at + 11) != ':' || line.charAt(at + 14) != ':' || line.charAt(at + 17) != ':'
        || line.charAt(at + 20) != ' ' || day > YearMonth.of(year, month).lengthOfMonth()) {
      return null;
    }
    int offset = TextScan.offsetSeconds(line, at + 21, at + 26);
    if (offset == Integer.MIN_VALUE) {
      return null;
    }
    // A leap second (60) is folded into the next second, as java.time does.
    long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400L
        + hour * 3_600L + minute * 60L + second - offset;
    return Instant.ofEpochSecond(epochSecond);
  }

  /** The index of the quote that closes a quoted field starting at {@code from}, skipping {@code \"}; -1 if none. */
  private static int quoteEnd(String line, int from) {
    int i = from;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '"') {
        return i;
      }
      i++;
    }
    return -1;
  }

  // Apache writes '"' and '\' in logged strings as \" and \\; other escapes (\xhh) stay as written.
  private static String unescape(String line, int from, int to) {
    int backslash = line.indexOf('\\', from);
    if (backslash < 0 || backslash >= to) {
      return line.substring(from, to);
    }
    StringBuilder out = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < to && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
        out.append(line.charAt(++i));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean allDigits(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (!TextScan.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static String dashIsNull(String value) {
    return value == null || value.equals("-") ? null : value;
  }
}
