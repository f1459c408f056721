package io.logwarden.redact.corpus;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

/**
 * Writes strings that a regular expression matches, for the part of RE2 syntax that secret-scanning
 * rules use: literals and escapes ({@code \x60}, {@code \.}, {@code \n}), classes with ranges,
 * negation, {@code \d \w \s} and POSIX names, {@code .}, groups (capturing, {@code (?:)},
 * {@code (?P<name>)}), alternation, the quantifiers {@code ? * + {n} {n,} {n,m}} and their lazy
 * forms, the flags {@code i s m U} inline or scoped, and the assertions {@code ^ $ \b \B \A \z},
 * which produce nothing. Only ASCII is written, printable characters where the class allows.
 *
 * <p>Inside a capturing group (or anywhere, when the expression has no plain one) a choice is random
 * over its whole range, because that is the secret; outside, a quantifier stays near its minimum, a
 * class prefers identifier characters and an alternation its first option, so the context around a
 * secret stays short and plain. Literals and classes are written as given: {@code (?i)} widens what
 * matches, not what is written. A lone {@code .} is written as a dot. An assertion is
 * not enforced while writing: callers check the result against RE2J and draw again.
 */
public final class RegexSampler {

  /** A written string, with the positions that came from a random choice of a class. */
  public record Sample(String text, BitSet drawn) {}

  private static final int ASCII = 128;
  private static final int UNBOUNDED = -1;
  private static final BitSet PRINTABLE = range(0x20, 0x7e);
  private static final BitSet IDENTIFIER = union(range('a', 'z'), range('0', '9'), single('_'));
  // What a secret drawn from a class that admits almost anything ([^"], \S, .) is made of.
  private static final BitSet TOKEN = union(range('a', 'z'), range('A', 'Z'), range('0', '9'), single('+'), single('/'),
      single('='), single('_'), single('-'), single('.'), single('@'), single('!'));
  private static final int BROAD = 90;
  private static final int FOLD = 1;
  private static final int DOT_ALL = 2;
  private static final int UNGREEDY = 4;

  private sealed interface Node permits Literal, Chars, Concat, Alternation, Repeat, Group, Empty {}

  private record Literal(char c) implements Node {}

  /**
   * A class: {@code set} is what it matches, {@code written} what it is written with (the members as
   * given, before case folding); {@code dot} marks a '.'.
   */
  private record Chars(BitSet set, BitSet written, boolean dot) implements Node {
    Chars(BitSet set) {
      this(set, set, false);
    }
  }

  private record Concat(List<Node> items) implements Node {}

  private record Alternation(List<Node> options) implements Node {}

  private record Repeat(Node node, int min, int max, boolean lazy) implements Node {}

  private record Group(Node node, int index, String name) implements Node {}

  private record Empty() implements Node {}

  private final String regex;
  private final Node root;
  private final List<Boolean> groupRepeated = new ArrayList<>();
  private final List<String> groupNames = new ArrayList<>();
  private final boolean allSecret;
  private int pos;

  private RegexSampler(String regex) {
    this.regex = regex;
    groupRepeated.add(false);
    groupNames.add(null);
    this.root = parseAlternation(new int[] {0});
    if (pos != regex.length()) {
      throw error("unbalanced ')'");
    }
    // Named groups that only label alternatives, or a group that repeats a part, do not delimit a
    // secret: then the whole expression is one.
    boolean plainGroup = false;
    for (int g = 1; g <= groupCount(); g++) {
      plainGroup |= groupNames.get(g) == null && !groupRepeated.get(g);
    }
    this.allSecret = !plainGroup;
  }

  /** Parses an expression; throws {@link IllegalArgumentException} on syntax it does not know. */
  public static RegexSampler of(String regex) {
    return new RegexSampler(regex);
  }

  /** The number of capturing groups. */
  public int groupCount() {
    return groupRepeated.size() - 1;
  }

  /** Whether capturing group {@code index} sits under a quantifier that may repeat it. */
  public boolean isRepeated(int index) {
    return groupRepeated.get(index);
  }

  /** The name of capturing group {@code index}, or null. */
  public String groupName(int index) {
    return groupNames.get(index);
  }

  /** One string the expression matches (assertions aside), drawn with {@code random}. */
  public Sample sample(Random random) {
    Writer writer = new Writer(random);
    writer.write(root, allSecret);
    return new Sample(writer.text.toString(), writer.drawn);
  }

  // --- Writing ----------------------------------------------------------------------------------

  private static final class Writer {
    private final Random random;
    private final StringBuilder text = new StringBuilder();
    private final BitSet drawn = new BitSet();
    private int repeats;

    Writer(Random random) {
      this.random = random;
    }

    void write(Node node, boolean secret) {
      if (node instanceof Literal literal) {
        text.append(literal.c());
      } else if (node instanceof Chars chars) {
        if (chars.dot() && repeats == 0) {
          text.append('.'); // a lone '.' is nearly always meant as a dot: "hooks.slack.com"
          return;
        }
        drawn.set(text.length());
        text.append(pick(chars, secret));
      } else if (node instanceof Concat concat) {
        concat.items().forEach(item -> write(item, secret));
      } else if (node instanceof Alternation alternation) {
        List<Node> options = alternation.options();
        // In context the first option, usually the plainest ("=" of the separators), comes up half the time.
        boolean first = !secret && random.nextBoolean();
        write(options.get(first ? 0 : random.nextInt(options.size())), secret);
      } else if (node instanceof Repeat repeat) {
        int times = count(repeat, secret);
        repeats++;
        for (int i = 0; i < times; i++) {
          write(repeat.node(), secret);
        }
        repeats--;
      } else if (node instanceof Group group) {
        write(group.node(), secret || group.index() > 0);
      }
    }

    // A secret takes the class as written (a lower-case [a-f0-9] under (?i) stays lower case), and
    // token characters from a class that admits almost anything; context prefers identifier characters.
    private char pick(Chars chars, boolean secret) {
      BitSet set = chars.set();
      BitSet choices = set;
      BitSet printable = and(set, PRINTABLE);
      if (!secret && set.intersects(IDENTIFIER)) {
        choices = and(set, IDENTIFIER);
      } else if (secret && printable.cardinality() >= BROAD) {
        choices = and(set, TOKEN);
      } else if (secret && chars.written().intersects(PRINTABLE)) {
        choices = and(chars.written(), PRINTABLE);
      } else if (!printable.isEmpty()) {
        choices = printable;
      }
      int n = random.nextInt(choices.cardinality());
      int c = choices.nextSetBit(0);
      for (int i = 0; i < n; i++) {
        c = choices.nextSetBit(c + 1);
      }
      return (char) c;
    }

    // A secret's length is drawn over its whole range (capped, so that {50,1000} stays readable);
    // context stays near its minimum.
    private int count(Repeat repeat, boolean secret) {
      int min = repeat.min();
      int max = repeat.max();
      // A class with a space in it fills between words (a PEM label, "[ \t]*"): it stays short in a secret too.
      boolean filler = repeat.node() instanceof Chars chars && chars.set().get(' ')
          && and(chars.set(), PRINTABLE).cardinality() < BROAD;
      if (secret && !filler) {
        int top = max == UNBOUNDED ? min + 8 + random.nextInt(33) : Math.min(max, min + 64);
        return min + random.nextInt(top - min + 1);
      }
      if (repeat.lazy() && random.nextInt(4) != 0) {
        return min;
      }
      int n = min;
      while ((max == UNBOUNDED ? n < min + 6 : n < max) && random.nextInt(3) == 0) {
        n++;
      }
      return n;
    }
  }

  // --- Parsing ----------------------------------------------------------------------------------

  // flags[0] is shared by the alternatives of one group: an inline (?i) holds to the group's end.
  private Node parseAlternation(int[] flags) {
    List<Node> options = new ArrayList<>();
    options.add(parseConcat(flags));
    while (pos < regex.length() && regex.charAt(pos) == '|') {
      pos++;
      options.add(parseConcat(flags));
    }
    return options.size() == 1 ? options.get(0) : new Alternation(options);
  }

  private Node parseConcat(int[] flags) {
    List<Node> items = new ArrayList<>();
    while (pos < regex.length()) {
      char c = regex.charAt(pos);
      if (c == '|' || c == ')') {
        break;
      }
      int groupsBefore = groupRepeated.size();
      Node atom = parseAtom(flags);
      if (atom == null) {
        continue; // a flag group such as (?i)
      }
      items.add(parseQuantifier(atom, flags[0], groupsBefore));
    }
    return items.size() == 1 ? items.get(0) : new Concat(items);
  }

  private Node parseAtom(int[] flags) {
    char c = regex.charAt(pos++);
    return switch (c) {
      case '(' -> parseGroup(flags);
      case '[' -> parseClass(flags[0]);
      case '.' -> new Chars(dot(flags[0]), dot(flags[0]), true);
      case '^', '$' -> new Empty();
      case '\\' -> parseEscape();
      case '*', '+', '?' -> throw error("quantifier without operand");
      default -> new Literal(c);
    };
  }

  private Node parseGroup(int[] flags) {
    if (!regex.startsWith("?", pos)) {
      return capture(null, flags[0]);
    }
    pos++;
    if (regex.startsWith("P<", pos) || regex.startsWith("<", pos)) {
      pos = regex.indexOf('<', pos) + 1;
      int end = regex.indexOf('>', pos);
      if (end < 0) {
        throw error("unterminated group name");
      }
      String name = regex.substring(pos, end);
      pos = end + 1;
      return capture(name, flags[0]);
    }
    int set = flags[0];
    boolean negate = false;
    while (pos < regex.length()) {
      char f = regex.charAt(pos++);
      switch (f) {
        case 'i' -> set = negate ? set & ~FOLD : set | FOLD;
        case 's' -> set = negate ? set & ~DOT_ALL : set | DOT_ALL;
        case 'U' -> set = negate ? set & ~UNGREEDY : set | UNGREEDY;
        case 'm' -> { } // ^ and $ write nothing either way
        case '-' -> negate = true;
        case ')' -> {
          flags[0] = set;
          return null;
        }
        case ':' -> {
          Node inner = parseAlternation(new int[] {set});
          expect(')');
          return new Group(inner, 0, null);
        }
        default -> throw error("unknown flag '" + f + "'");
      }
    }
    throw error("unterminated group");
  }

  private Node capture(String name, int flags) {
    int index = groupRepeated.size();
    groupRepeated.add(false);
    groupNames.add(name);
    Node inner = parseAlternation(new int[] {flags});
    expect(')');
    return new Group(inner, index, name);
  }

  // The quantifier is known only after its operand has been parsed: the groups numbered inside the
  // operand are marked repeated then.
  private Node parseQuantifier(Node atom, int flags, int groupsBefore) {
    if (pos >= regex.length()) {
      return atom;
    }
    int min;
    int max;
    int end;
    char c = regex.charAt(pos);
    if (c == '*' || c == '+' || c == '?') {
      min = c == '+' ? 1 : 0;
      max = c == '?' ? 1 : UNBOUNDED;
      end = pos + 1;
    } else if (c == '{') {
      int close = regex.indexOf('}', pos);
      String body = close < 0 ? "" : regex.substring(pos + 1, close);
      if (!body.matches("\\d+(,\\d*)?")) {
        return atom; // RE2 reads a '{' that opens no repeat count as a literal
      }
      int comma = body.indexOf(',');
      min = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
      max = comma < 0 ? min : comma == body.length() - 1 ? UNBOUNDED : Integer.parseInt(body.substring(comma + 1));
      end = close + 1;
    } else {
      return atom;
    }
    boolean lazy = end < regex.length() && regex.charAt(end) == '?';
    if (lazy) {
      end++;
    }
    if ((flags & UNGREEDY) != 0) {
      lazy = !lazy;
    }
    if (max != 1) {
      // The operand's groups are the last ones numbered.
      for (int i = groupsBefore; i < groupRepeated.size(); i++) {
        groupRepeated.set(i, true);
      }
    }
    pos = end;
    return new Repeat(atom, min, max, lazy);
  }

  private Node parseEscape() {
    if (pos >= regex.length()) {
      throw error("trailing backslash");
    }
    char c = regex.charAt(pos++);
    return switch (c) {
      case 'b', 'B', 'A', 'z' -> new Empty();
      case 'd', 'D', 'w', 'W', 's', 'S' -> new Chars(perlClass(c));
      default -> new Literal(escapedChar(c));
    };
  }

  /** The character an escape stands for, outside or inside a class (not the class escapes). */
  private char escapedChar(char c) {
    return switch (c) {
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'f' -> '\f';
      case 'v' -> '\u000b';
      case 'a' -> '\u0007';
      case 'x' -> hexEscape();
      default -> {
        if (Character.isLetterOrDigit(c)) {
          throw error("unsupported escape \\" + c);
        }
        yield c;
      }
    };
  }

  private char hexEscape() {
    String digits;
    if (regex.startsWith("{", pos)) {
      int end = regex.indexOf('}', pos);
      digits = regex.substring(pos + 1, end);
      pos = end + 1;
    } else {
      digits = regex.substring(pos, pos + 2);
      pos += 2;
    }
    int value = Integer.parseInt(digits, 16);
    if (value >= ASCII) {
      throw error("non-ASCII escape \\x" + digits);
    }
    return (char) value;
  }

  private Chars parseClass(int flags) {
    boolean negated = regex.startsWith("^", pos);
    if (negated) {
      pos++;
    }
    BitSet set = new BitSet(ASCII);
    boolean first = true;
    while (true) {
      if (pos >= regex.length()) {
        throw error("unterminated class");
      }
      char c = regex.charAt(pos);
      if (c == ']' && !first) {
        pos++;
        break;
      }
      first = false;
      if (regex.startsWith("[:", pos)) {
        int end = regex.indexOf(":]", pos);
        set.or(posixClass(regex.substring(pos + 2, end)));
        pos = end + 2;
        continue;
      }
      char low;
      pos++;
      if (c == '\\') {
        char e = regex.charAt(pos++);
        if ("dDwWsS".indexOf(e) >= 0) {
          set.or(perlClass(e));
          continue;
        }
        low = escapedChar(e);
      } else {
        low = c;
      }
      char high = low;
      if (regex.startsWith("-", pos) && pos + 1 < regex.length() && regex.charAt(pos + 1) != ']') {
        pos++;
        char h = regex.charAt(pos++);
        high = h == '\\' ? escapedChar(regex.charAt(pos++)) : h;
        if (high < low) {
          throw error("bad range " + low + "-" + high);
        }
      }
      if (high >= ASCII) {
        throw error("non-ASCII class member");
      }
      set.set(low, high + 1);
    }
    BitSet written = set;
    if ((flags & FOLD) != 0) {
      set = folded(set);
    }
    if (negated) {
      BitSet all = range(0, ASCII - 1);
      all.andNot(set);
      set = all;
      written = all;
    }
    return new Chars(set, written, false);
  }

  private static BitSet dot(int flags) {
    BitSet set = range(0, ASCII - 1);
    if ((flags & DOT_ALL) == 0) {
      set.clear('\n');
    }
    return set;
  }

  private static BitSet perlClass(char c) {
    BitSet set = switch (Character.toLowerCase(c)) {
      case 'd' -> range('0', '9');
      case 'w' -> union(range('a', 'z'), range('A', 'Z'), range('0', '9'), single('_'));
      case 's' -> union(single(' '), single('\t'), single('\n'), single('\f'), single('\r'));
      default -> throw new IllegalStateException();
    };
    if (Character.isUpperCase(c)) {
      BitSet all = range(0, ASCII - 1);
      all.andNot(set);
      return all;
    }
    return set;
  }

  private BitSet posixClass(String name) {
    return switch (name) {
      case "alnum" -> union(range('a', 'z'), range('A', 'Z'), range('0', '9'));
      case "alpha" -> union(range('a', 'z'), range('A', 'Z'));
      case "digit" -> range('0', '9');
      case "xdigit" -> union(range('a', 'f'), range('A', 'F'), range('0', '9'));
      case "upper" -> range('A', 'Z');
      case "lower" -> range('a', 'z');
      case "space" -> union(single(' '), range('\t', '\r'));
      case "word" -> perlClass('w');
      case "punct" -> union(range('!', '/'), range(':', '@'), range('[', '`'), range('{', '~'));
      default -> throw error("unknown class [:" + name + ":]");
    };
  }

  private static BitSet folded(BitSet set) {
    BitSet result = (BitSet) set.clone();
    for (int c = set.nextSetBit(0); c >= 0; c = set.nextSetBit(c + 1)) {
      if (Character.isLetter(c)) {
        result.set(Character.toUpperCase(c));
        result.set(Character.toLowerCase(c));
      }
    }
    return result;
  }

  private void expect(char c) {
    if (pos >= regex.length() || regex.charAt(pos) != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException(message + " at " + pos + " in " + regex);
  }

  private static BitSet range(int from, int to) {
    BitSet set = new BitSet(ASCII);
    set.set(from, to + 1);
    return set;
  }

  private static BitSet single(char c) {
    return range(c, c);
  }

  private static BitSet union(BitSet... sets) {
    BitSet result = new BitSet(ASCII);
    for (BitSet set : sets) {
      result.or(set);
    }
    return result;
  }

  private static BitSet and(BitSet a, BitSet b) {
    BitSet result = (BitSet) a.clone();
    result.and(b);
    return result;
  }
}
