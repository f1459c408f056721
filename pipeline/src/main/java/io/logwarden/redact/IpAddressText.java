package io.logwarden.redact;

/**
 * Parses and prints IPv4 and IPv6 literals without {@link java.net.InetAddress}, which may resolve
 * names over DNS and would send personal data out of the process.
 */
final class IpAddressText {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private IpAddressText() {}

  /** The IPv4 address in {@code [start, end)} as an unsigned int in a long, or -1. */
  static long parseIpv4(CharSequence text, int start, int end) {
    long address = 0;
    int pos = start;
    for (int part = 0; part < 4; part++) {
      int value = 0;
      int digits = 0;
      while (pos < end && isDigit(text.charAt(pos))) {
        if (++digits > 3) {
          return -1;
        }
        value = value * 10 + (text.charAt(pos) - '0');
        pos++;
      }
      if (digits == 0 || value > 255) {
        return -1;
      }
      address = (address << 8) | value;
      if (part < 3) {
        if (pos >= end || text.charAt(pos) != '.') {
          return -1;
        }
        pos++;
      }
    }
    return pos == end ? address : -1;
  }

  /**
   * Whether {@code [start, end)} is an IPv6 literal (full, {@code ::}-compressed, or ending in a
   * dotted IPv4); fills {@code groups} (eight 16-bit values) when it is not null.
   */
  static boolean parseIpv6(CharSequence text, int start, int end, int[] groups) {
    if (end - start < 2) {
      return false;
    }
    int[] parsed = new int[8];
    int count = 0;
    int gap = -1;
    int pos = start;
    if (text.charAt(pos) == ':') {
      if (text.charAt(pos + 1) != ':') {
        return false;
      }
      gap = 0;
      pos += 2;
      if (pos == end) {
        return fill(parsed, count, gap, groups);
      }
    }
    while (true) {
      int groupStart = pos;
      int value = 0;
      while (pos < end && pos - groupStart < 5 && hexValue(text.charAt(pos)) >= 0) {
        value = (value << 4) | hexValue(text.charAt(pos));
        pos++;
      }
      int digits = pos - groupStart;
      if (pos < end && text.charAt(pos) == '.') {
        // A dotted IPv4 may only stand in for the last two groups.
        long v4 = parseIpv4(text, groupStart, end);
        if (v4 < 0 || count > 6) {
          return false;
        }
        parsed[count++] = (int) (v4 >>> 16);
        parsed[count++] = (int) (v4 & 0xffff);
        return fill(parsed, count, gap, groups);
      }
      if (digits == 0 || digits > 4 || count == 8) {
        return false;
      }
      parsed[count++] = value;
      if (pos == end) {
        return fill(parsed, count, gap, groups);
      }
      if (text.charAt(pos) != ':') {
        return false;
      }
      pos++;
      if (pos < end && text.charAt(pos) == ':') {
        if (gap >= 0) {
          return false;
        }
        gap = count;
        pos++;
        if (pos == end) {
          return fill(parsed, count, gap, groups);
        }
      } else if (pos == end) {
        return false;
      }
    }
  }

  private static boolean fill(int[] parsed, int count, int gap, int[] groups) {
    if (gap < 0 ? count != 8 : count > 7) {
      return false;
    }
    if (groups != null) {
      java.util.Arrays.fill(groups, 0);
      if (gap < 0) {
        System.arraycopy(parsed, 0, groups, 0, 8);
      } else {
        System.arraycopy(parsed, 0, groups, 0, gap);
        int tail = count - gap;
        System.arraycopy(parsed, gap, groups, 8 - tail, tail);
      }
    }
    return true;
  }

  static boolean isIpv4Mapped(int[] groups) {
    return groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
        && groups[5] == 0xffff;
  }

  static long mappedIpv4(int[] groups) {
    return ((long) groups[6] << 16) | groups[7];
  }

  static String formatIpv4(long address) {
    return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "."
        + ((address >>> 8) & 0xff) + "." + (address & 0xff);
  }

  /** RFC 5952 text: lower case, no leading zeros, the longest run of zero groups as {@code ::}. */
  static String formatIpv6(int[] groups) {
    if (isIpv4Mapped(groups)) {
      return "::ffff:" + formatIpv4(mappedIpv4(groups));
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder out = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      appendHex(out, groups[i]);
    }
    return out.toString();
  }

  private static void appendHex(StringBuilder out, int value) {
    boolean started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
      int nibble = (value >>> shift) & 0xf;
      if (nibble != 0 || started || shift == 0) {
        out.append(HEX[nibble]);
        started = true;
      }
    }
  }

  /**
   * The one text form of an IP literal, or null when {@code value} is none: IPv4 without leading
   * zeros, IPv6 per RFC 5952, and an IPv4-mapped IPv6 as its IPv4, since a dual-stack listener logs
   * the same client that way.
   */
  static String normalize(String value) {
    int length = value.length();
    if (length < 2 || length > 45) {
      return null;
    }
    long v4 = parseIpv4(value, 0, length);
    if (v4 >= 0) {
      return formatIpv4(v4);
    }
    int[] groups = new int[8];
    if (value.indexOf(':') < 0 || !parseIpv6(value, 0, length, groups)) {
      return null;
    }
    return isIpv4Mapped(groups) ? formatIpv4(mappedIpv4(groups)) : formatIpv6(groups);
  }

  /** IPv4 to its /24, IPv6 to its /48 (IPv4-mapped to the /24 of its IPv4), or null. */
  static String truncate(String value) {
    int length = value.length();
    if (length < 2 || length > 45) {
      return null;
    }
    long v4 = parseIpv4(value, 0, length);
    if (v4 >= 0) {
      return formatIpv4(v4 & 0xffffff00L);
    }
    int[] groups = new int[8];
    if (value.indexOf(':') < 0 || !parseIpv6(value, 0, length, groups)) {
      return null;
    }
    if (isIpv4Mapped(groups)) {
      return formatIpv4(mappedIpv4(groups) & 0xffffff00L);
    }
    for (int i = 3; i < 8; i++) {
      groups[i] = 0;
    }
    return formatIpv6(groups);
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
