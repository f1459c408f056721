package io.logwarden.benchmarks;

import io.logwarden.redact.RedactionCounts;
import io.logwarden.redact.SecretScanner;
import io.logwarden.redact.rules.SecretRulesLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Secret redaction of one log line of about 400 characters on one thread (ops/s = lines/s), with
 * {@code density} percent of the lines carrying one fake secret: the fast path and the shipped rule
 * set, as the pipeline runs them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class SecretScanBenchmark {

  private static final int LINES = 2000;
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String HEX = "0123456789abcdef";

  /** Percentage of lines that carry a secret. */
  @Param({"5", "50"})
  public int density;

  /** The scanner the pipeline runs: the fast path, then the shipped community and logwarden rules. */
  private final SecretScanner scanner = new SecretScanner(SecretRulesLoader.shipped());
  private List<String> lines;
  private int next;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    List<Function<Random, String>> secrets = secrets();
    lines = new ArrayList<>(LINES);
    for (int i = 0; i < LINES; i++) {
      boolean carries = i * 100 / LINES < density;
      String detail = carries ? secrets.get(random.nextInt(secrets.size())).apply(random) : "retry scheduled";
      lines.add(line(random, i % 6, detail));
    }
    Collections.shuffle(lines, random);
  }

  /** One line of the corpus, round robin, with a fresh count as the pipeline has per record. */
  @Benchmark
  public String redactOneLine() {
    String line = lines.get(next);
    next = next + 1 == lines.size() ? 0 : next + 1;
    return scanner.redact(line, new RedactionCounts());
  }

  private static String line(Random r, int template, String detail) {
    String trace = chars(r, HEX, 32);
    String ip = "203.0.113." + r.nextInt(255);
    return switch (template) {
      case 0 -> "{\"@timestamp\":\"2026-07-22T09:49:12.004+02:00\",\"@version\":\"1\",\"message\":\"Processed order "
          + r.nextInt(99999) + " for customer u_" + r.nextInt(9999) + " in " + r.nextInt(900) + " ms: " + detail
          + "\",\"logger_name\":\"com.example.orders.OrderService\",\"thread_name\":\"http-nio-8080-exec-" + r.nextInt(20)
          + "\",\"level\":\"INFO\",\"level_value\":20000,\"trace_id\":\"" + trace + "\",\"span_id\":\"" + chars(r, HEX, 16)
          + "\",\"user_id\":\"u_" + r.nextInt(9999) + "\",\"tenant\":\"acme\"}";
      case 1 -> ip + " - - [22/Jul/2026:09:46:02 +0000] \"GET /api/v1/orders/" + r.nextInt(99999) + "?page=" + r.nextInt(9)
          + "&size=50&sort=created_at&note=" + detail.replace(' ', '+') + " HTTP/1.1\" 200 " + r.nextInt(99999)
          + " \"https://shop.example.com/checkout?step=2\" \"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/126.0 Safari/537.36\" rt=0.0" + r.nextInt(99) + " uct=0.001 request_id=" + trace;
      case 2 -> "ts=2026-07-22T09:53:01.007Z level=error msg=\"upstream call failed\" service=gateway route=/v2/payments method=POST"
          + " status=502 duration_ms=" + r.nextInt(3000) + " remote_ip=" + ip + " trace_id=" + trace + " err=\"" + detail
          + "\" attempt=2 max_attempts=5 circuit=half-open pool=payments-http active=" + r.nextInt(64)
          + " idle=3 queue=0 version=2.3.1 region=eu-west-1 pod=gateway-7d9f8b6c5-x2k9p";
      case 3 -> "<134>1 2026-07-22T09:52:12.441Z app-3.internal billing 9981 AUDIT [meta sequenceId=\"" + r.nextInt(99999)
          + "\"] invoice run finished: " + r.nextInt(999) + " invoices, " + r.nextInt(9) + " failures, " + detail
          + "; next run at 2026-07-23T00:00:00Z, batch=" + chars(r, HEX, 12) + " operator=scheduler host=billing-vm-03"
          + " job=invoice-nightly duration=" + r.nextInt(900) + "s heap=512m gc_pauses=" + r.nextInt(20) + " exit=0 trace=" + trace;
      case 4 -> "java.lang.IllegalStateException: payment gateway rejected request: " + detail
          + "\n\tat com.example.orders.OrderService.process(OrderService.java:118)"
          + "\n\tat com.example.orders.OrderController.create(OrderController.java:54)"
          + "\n\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)"
          + "\n\tat jakarta.servlet.http.HttpServlet.service(HttpServlet.java:658)"
          + "\n\tat org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:" + r.nextInt(300) + ")";
      default -> "{\"resource\":{\"service.name\":\"checkout\",\"service.version\":\"2.3.1\",\"host.name\":\"checkout-6f7c9-abcde\"},"
          + "\"timeUnixNano\":\"1784714950123000000\",\"severityText\":\"WARN\",\"traceId\":\"" + trace.toUpperCase()
          + "\",\"body\":\"charge retried for order " + r.nextInt(99999) + ": " + detail
          + "\",\"attributes\":{\"retry.count\":2,\"http.route\":\"/api/v1/charge\",\"http.status_code\":402,"
          + "\"client.address\":\"" + ip + "\"}}";
    };
  }

  /** Fake secrets of the shapes the scanner knows, built at run time (no key-like literal in the source). */
  private static List<Function<Random, String>> secrets() {
    return List.of(
        r -> "key " + "AK" + "IA" + chars(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
        r -> "token=" + "gh" + "p_" + chars(r, ALNUM, 36),
        r -> "Authorization: Bearer " + "ey" + "JhbGciOiJIUzI1NiJ9." + chars(r, ALNUM, 40) + "." + chars(r, ALNUM, 43),
        r -> "api_key=" + "sk" + "_live_" + chars(r, ALNUM, 24),
        r -> "https://svc_user:" + chars(r, ALNUM, 14) + "@partner.example.net/v2/sync",
        r -> "password=" + chars(r, ALNUM, 14),
        r -> "slack " + "xo" + "xb-" + chars(r, HEX, 11) + "-" + chars(r, ALNUM, 24),
        r -> "Cookie: SESSION=" + chars(r, HEX, 32) + "; theme=dark",
        r -> "google " + "AI" + "za" + chars(r, ALNUM, 35),
        r -> "openai " + "sk" + "-proj-" + chars(r, ALNUM, 60));
  }

  private static String chars(Random r, String alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
