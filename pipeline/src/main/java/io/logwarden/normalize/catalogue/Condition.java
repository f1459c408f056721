package io.logwarden.normalize.catalogue;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A test on one value of a record: a field's text, or a captured value of a message. */
public sealed interface Condition {

  /** Whether the value (null when absent) passes. */
  boolean test(String value);

  /** The values an index can look up, when the condition is equality; else null. */
  default Set<String> equalsAny() {
    return null;
  }

  /** Equals one of the values. */
  record OneOf(Set<String> values) implements Condition {
    @Override
    public boolean test(String value) {
      return value != null && values.contains(value);
    }

    @Override
    public Set<String> equalsAny() {
      return values;
    }
  }

  /** Present (not null) or absent. */
  record Exists(boolean present) implements Condition {
    @Override
    public boolean test(String value) {
      return (value != null) == present;
    }
  }

  /** Starts with one of the prefixes. */
  record Prefix(List<String> prefixes) implements Condition {
    @Override
    public boolean test(String value) {
      if (value == null) {
        return false;
      }
      for (String prefix : prefixes) {
        if (value.startsWith(prefix)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Present and none of the values. */
  record NoneOf(Set<String> values) implements Condition {
    @Override
    public boolean test(String value) {
      return value != null && !values.contains(value);
    }
  }

  /** Contains one of the fragments, ignoring case. */
  record Contains(List<String> fragments) implements Condition {
    public Contains {
      fragments = fragments.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public boolean test(String value) {
      if (value == null) {
        return false;
      }
      for (String fragment : fragments) {
        if (containsIgnoreCase(value, fragment)) {
          return true;
        }
      }
      return false;
    }

    private static boolean containsIgnoreCase(String text, String lowerFragment) {
      int last = text.length() - lowerFragment.length();
      for (int i = 0; i <= last; i++) {
        if (text.regionMatches(true, i, lowerFragment, 0, lowerFragment.length())) {
          return true;
        }
      }
      return false;
    }
  }

  /** Has a match of an RE2 expression. */
  record Matches(Pattern pattern) implements Condition {
    @Override
    public boolean test(String value) {
      return value != null && pattern.matcher(value).find();
    }
  }

  /**
   * A URL, path or request line ({@code POST /login?next=/ HTTP/1.1}) whose last path segment, without
   * its extension and ignoring case, is one of the segments; {@code parent/last} names a segment under a
   * parent ({@code oauth/token}).
   */
  record PathSegment(Set<String> segments) implements Condition {
    public PathSegment {
      segments = Set.copyOf(segments.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
    }

    @Override
    public boolean test(String value) {
      if (value == null) {
        return false;
      }
      String path = value;
      int space = path.indexOf(' ');
      if (space >= 0) {
        // A request line: the target is its second word.
        int targetEnd = path.indexOf(' ', space + 1);
        path = path.substring(space + 1, targetEnd < 0 ? path.length() : targetEnd);
      }
      int scheme = path.indexOf("://");
      if (scheme >= 0) {
        int slash = path.indexOf('/', scheme + 3);
        path = slash < 0 ? "/" : path.substring(slash);
      }
      int end = path.length();
      int query = path.indexOf('?');
      if (query >= 0) {
        end = query;
      }
      int fragment = path.indexOf('#');
      if (fragment >= 0 && fragment < end) {
        end = fragment;
      }
      while (end > 0 && path.charAt(end - 1) == '/') {
        end--;
      }
      int start = path.lastIndexOf('/', end - 1) + 1;
      String last = path.substring(start, end).toLowerCase(Locale.ROOT);
      int dot = last.indexOf('.');
      if (dot > 0) {
        last = last.substring(0, dot);
      }
      if (segments.contains(last)) {
        return true;
      }
      if (start >= 2) {
        int parentStart = path.lastIndexOf('/', start - 2) + 1;
        String parent = path.substring(parentStart, start - 1).toLowerCase(Locale.ROOT);
        return segments.contains(parent + "/" + last);
      }
      return false;
    }
  }
}
