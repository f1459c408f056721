package io.logwarden.benchmarks.corpus;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The names the corpus is written with: users and addresses by Zipf rank, services and their hosts,
 * and application messages by level. The messages are what busy services log all day; none of them is
 * a sign-in, a refusal or a change that the normalizer's catalogue would take for a security event.
 */
final class Vocabulary {

  private static final List<String> FIRST = List.of(
      "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "niaj",
      "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "yara", "zoe", "amir", "bea", "chen",
      "dana", "emre", "fatima", "goran", "hana", "igor", "jonas", "kemal");
  private static final List<String> LAST = List.of(
      "smith", "jones", "garcia", "muller", "rossi", "dubois", "novak", "kowalski", "silva", "tanaka", "kim",
      "nguyen", "ivanova", "hansen", "berg", "costa", "weber", "martin", "lopez", "olsen", "fischer", "moreau",
      "santos", "yilmaz", "haddad", "okafor", "singh", "patel", "cohen", "larsen", "meyer", "ricci");

  static final List<String> SERVICES = List.of(
      "orders-api", "checkout", "billing", "inventory", "search", "notifications", "gateway", "payments",
      "catalog", "shipping", "recommendations", "reporting");
  static final List<String> NAMESPACES = List.of("shop", "shop", "finance", "shop", "shop", "platform", "edge",
      "finance", "shop", "logistics", "shop", "finance");
  static final List<String> BASTIONS = List.of("bastion-1", "bastion-2", "bastion-3", "jump-eu-1");
  static final List<String> SERVERS = List.of("db-1", "db-2", "db-3", "web-1", "web-2", "web-3", "web-4", "cache-1",
      "queue-1", "ci-runner-2", "ci-runner-5", "monitor-1");
  static final List<String> LOGGERS = List.of("OrderService", "CheckoutController", "InvoiceJob", "StockLevels",
      "SearchIndexer", "Mailer", "RouteTable", "PaymentClient", "ProductCache", "LabelPrinter", "Recommender",
      "ReportWriter");

  private Vocabulary() {}

  /** The account name of user rank {@code rank} (1-based): unique per rank. */
  static String user(int rank) {
    int r = rank - 1;
    int generation = r / (FIRST.size() * LAST.size());
    return FIRST.get(r % FIRST.size()) + "." + LAST.get((r / FIRST.size()) % LAST.size())
        + (generation == 0 ? "" : Integer.toString(generation));
  }

  /**
   * The IPv4 address of address rank {@code rank} (1-based): unique per rank, scattered over the shared
   * address space 100.64.0.0/10 (RFC 6598), which no benchmark attack uses.
   */
  static String address(int rank) {
    // An odd multiplier is a bijection modulo 2^22: ranks land far apart but never on the same address
    // (nor on 100.64.0.0: no rank is a multiple of 2^22).
    long scrambled = (rank * 2_654_435_761L) & 0x3F_FFFFL;
    return "100." + (64 + (scrambled >>> 16)) + "." + ((scrambled >>> 8) & 0xFF) + "." + (scrambled & 0xFF);
  }

  private static final List<String> POD_SUFFIXES = List.of("x2k9p", "7qz4m", "b8n2c", "t5w1d");

  private static final Map<String, String> DEPLOYMENTS = deployments();

  /** A pod of the service's deployment: its template hash and one of four replicas. */
  static String pod(String service, SplittableRandom random) {
    return DEPLOYMENTS.get(service) + Randoms.pick(random, POD_SUFFIXES);
  }

  private static Map<String, String> deployments() {
    Map<String, String> deployments = new HashMap<>();
    for (String service : SERVICES) {
      deployments.put(service, service + "-" + String.format("%07x", service.hashCode() & 0xFFFFFFF) + "-");
    }
    return Map.copyOf(deployments);
  }

  /** The severity word of a background record: mostly INFO. */
  static String level(SplittableRandom random) {
    int draw = random.nextInt(100);
    return draw < 8 ? "DEBUG" : draw < 83 ? "INFO" : draw < 93 ? "WARN" : "ERROR";
  }

  /** An application message of that level. */
  static String message(String level, SplittableRandom random, String user) {
    int n = random.nextInt(10_000, 999_999);
    int ms = random.nextInt(1, 2_500);
    return switch (level) {
      case "DEBUG" -> switch (random.nextInt(4)) {
        case 0 -> "cache miss for key product:" + n;
        case 1 -> "span " + Randoms.hex(random, 16) + " exported";
        case 2 -> "loaded " + (n % 500) + " rows from replica in " + ms + " ms";
        default -> "feature flag new-checkout evaluated to " + random.nextBoolean() + " for " + user;
      };
      case "WARN" -> switch (random.nextInt(5)) {
        case 0 -> "slow query on orders took " + (ms + 1_000) + " ms";
        case 1 -> "retrying call to payments-api (attempt " + random.nextInt(2, 5) + " of 5)";
        case 2 -> "connection pool at " + random.nextInt(80, 100) + "% of capacity";
        case 3 -> "request to inventory-api timed out after " + (ms + 3_000) + " ms";
        default -> "disk usage of /var/lib/data at " + random.nextInt(85, 99) + "%";
      };
      case "ERROR" -> switch (random.nextInt(4)) {
        case 0 -> "payment for order " + n + " declined by gateway: insufficient funds";
        case 1 -> "could not publish event " + n + ": connection reset by peer";
        case 2 -> "unhandled exception in POST /api/v1/checkout: NullPointerException";
        default -> "shipment " + n + " rejected by carrier: invalid postcode";
      };
      default -> switch (random.nextInt(7)) {
        case 0 -> "GET /api/v1/orders/" + n + " completed in " + ms + " ms";
        case 1 -> "order " + n + " created for customer " + user;
        case 2 -> "cache refreshed: " + (n % 50_000) + " entries in " + ms + " ms";
        case 3 -> "scheduled job reconcile-invoices finished, " + (n % 9_000) + " rows";
        case 4 -> "published " + (n % 400) + " events to topic orders.v1";
        case 5 -> "health check ok (" + (ms % 40) + " ms)";
        default -> "search for '" + Randoms.pick(random, "boots", "lamp", "usb cable", "desk", "kettle")
            + "' returned " + (n % 300) + " results";
      };
    };
  }

  /** A Java stack trace of an error message, as logback and Sentry carry it. */
  static String stackTrace(String service, SplittableRandom random) {
    String pkg = "com.example." + service.replace("-", "");
    int line = random.nextInt(40, 400);
    return "java.lang.IllegalStateException: request could not be completed\n\tat " + pkg
        + ".Handler.process(Handler.java:" + line + ")\n\tat " + pkg + ".Controller.handle(Controller.java:"
        + (line / 3) + ")\n";
  }

  /** The OpenTelemetry severity number of a level word. */
  static int severityNumber(String level) {
    return switch (level) {
      case "DEBUG" -> 5;
      case "WARN" -> 13;
      case "ERROR" -> 17;
      default -> 9;
    };
  }

  /** The syslog severity of a level word (RFC 5424 numbering). */
  static int syslogSeverity(String level) {
    return switch (level) {
      case "DEBUG" -> 7;
      case "WARN" -> 4;
      case "ERROR" -> 3;
      default -> 6;
    };
  }

  /** JSON string content: quotes, backslashes and control characters escaped. */
  static String json(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escape = switch (c) {
        case '"' -> "\\\"";
        case '\\' -> "\\\\";
        case '\n' -> "\\n";
        case '\t' -> "\\t";
        case '\r' -> "\\r";
        default -> c < 0x20 ? String.format("\\u%04x", (int) c) : null;
      };
      if (escape != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (escape != null) {
          out.append(escape);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }
}
