package io.logwarden.normalize.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.logwarden.event.RejectedRecordException;
import io.logwarden.normalize.ParsedEvent;
import io.logwarden.normalize.RawRecord;
import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.normalize.TextFormatParser;
import io.logwarden.policy.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever a line holds, a text parser answers with events or a rejection, never another exception. */
class TextParserRobustnessTest {

  private static final List<TextFormatParser> PARSERS = List.of(
      new SyslogRfc5424Parser(), new SyslogRfc3164Parser(), new CefParser(), new KlogParser(),
      new CommonLogFormatParser(), new LogfmtParser(), new PlainTextParser());

  // Characters the headers are made of, so that random text often gets deep into a parser.
  private static final String SYNTAX = "<>[]\"\\=|:;-. /0123456789TZ+JulDecFebIWEF1 CEF:sshd@\t";

  private static List<String> sampleLines() {
    List<String> lines = new ArrayList<>();
    for (String file : List.of("syslog_rfc5424.log", "syslog_rfc3164.log", "logfmt.log", "other_text_formats.log")) {
      lines.addAll(TextFixtures.lines("samples/" + file));
    }
    lines.addAll(TextFixtures.lines("datasets/loghub-openssh/OpenSSH_2k.log").subList(0, 100));
    return lines;
  }

  @Test
  void badInputsOfTheSamples() {
    byte[] file = TextFixtures.bytes("samples/bad_inputs.txt");
    String text = new String(file, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(text.lines().toList());
    lines.add(text);
    lines.forEach(TextParserRobustnessTest::throwsNothingElse);

    RecordNormalizer normalizer = new RecordNormalizer(PolicyLoader.loadDefault());
    int offset = 0;
    for (byte[] record : splitLines(file)) {
      try {
        normalizer.normalize(new RawRecord("logs.raw.test", 0, offset++, 1_795_853_643_000L, record), null);
      } catch (RejectedRecordException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }

  @Test
  void everyPrefixAndMutationOfRealLines() {
    Random random = new Random(5424);
    for (String line : sampleLines()) {
      for (int end = 0; end <= line.length(); end++) {
        throwsNothingElse(line.substring(0, end));
      }
      for (int k = 0; k < 50; k++) {
        char[] chars = line.toCharArray();
        for (int n = 0; n < 3; n++) {
          chars[random.nextInt(chars.length)] = SYNTAX.charAt(random.nextInt(SYNTAX.length()));
        }
        throwsNothingElse(new String(chars));
      }
    }
  }

  @Test
  void randomText() {
    Random random = new Random(3164);
    for (int k = 0; k < 20_000; k++) {
      int length = random.nextInt(120);
      StringBuilder text = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        int kind = random.nextInt(10);
        if (kind < 7) {
          text.append(SYNTAX.charAt(random.nextInt(SYNTAX.length())));
        } else if (kind < 8) {
          text.append((char) random.nextInt(0x20));
        } else {
          text.append((char) random.nextInt(Character.MAX_VALUE + 1));
        }
      }
      throwsNothingElse(text.toString());
    }
  }

  @Test
  void hugeAndOddLines() {
    List<String> lines = new ArrayList<>();
    for (String line : sampleLines().subList(0, 15)) {
      lines.add(line.repeat(10_000 / line.length() + 1));
      lines.add(line + " " + "x".repeat(10_000));
      lines.add(line + " \u0000\u0007\u001b[31m\uD83D\uDD25 \uD800 é ß 中文 \u202E");
    }
    for (String filler : List.of("[", "]", "\"", "\\", "=", "|", " ", "a=", "a=\"", "<1>", ":", "0")) {
      lines.add(filler.repeat(10_000));
      lines.add("<13>1 2026-07-22T09:52:12Z h a - - " + filler.repeat(10_000));
      lines.add("<13>Jul 22 09:52:10 h app: message repeated 3 times: [ " + filler.repeat(10_000) + " ]");
      lines.add("CEF:0|a|b|c|d|e|5|" + filler.repeat(10_000));
      lines.add("I0722 09:54:00.692994   1 a.go:1] \"" + filler.repeat(10_000));
      lines.add("1.2.3.4 - - [22/Jul/2026:09:54:02 +0000] \"" + filler.repeat(10_000));
    }
    lines.add("<13>1 2026-07-22T09:52:12." + "9".repeat(10_000) + "Z h a - - - m");
    lines.add("ts=" + "9".repeat(10_000) + " msg=x");
    lines.add("Failed password for " + " from ".repeat(2_000) + " port 22");
    lines.add("");
    lines.forEach(TextParserRobustnessTest::throwsNothingElse);
  }

  private static void throwsNothingElse(String line) {
    for (TextFormatParser parser : PARSERS) {
      try {
        boolean matches = parser.matches(line);
        List<ParsedEvent> events = parser.parse(line, TextFixtures.context());
        assertThat(events).isNotEmpty().doesNotContainNull();
        if (matches) {
          // What matches() accepts, parse() reads: no line is detected and then not understood.
          assertThat(events.get(0).flags()).doesNotContain(PlainTextParser.FORMAT_MISMATCH);
        }
      } catch (RejectedRecordException allowed) {
        assertThat(allowed.getMessage()).doesNotContain(line.length() > 8 ? line : "\u0000never");
      } catch (RuntimeException | StackOverflowError e) {
        fail(parser.format() + " threw " + e + " on a line of " + line.length() + " chars: "
            + line.substring(0, Math.min(line.length(), 200)), e);
      }
    }
  }

  private static List<byte[]> splitLines(byte[] file) {
    List<byte[]> records = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= file.length; i++) {
      if (i == file.length || file[i] == '\n') {
        byte[] record = new byte[i - start];
        System.arraycopy(file, start, record, 0, record.length);
        records.add(record);
        start = i + 1;
      }
    }
    return records;
  }
}
