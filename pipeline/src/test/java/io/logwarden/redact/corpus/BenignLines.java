package io.logwarden.redact.corpus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Log lines that hold no secret but look like they might: the rules' keywords with no credential,
 * prefixes of the wrong length or alphabet, identifiers, hashes, digests, ARNs, public keys, cursors,
 * versions and the words around credentials ("token expired"), in the formats the pipeline reads.
 */
final class BenignLines {

  /** One kind of look-alike; its name groups the false positives in the report. */
  record Kind(String name, Function<Random, String> line) {}

  private static final String HEX = "0123456789abcdef";
  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + LOWER + "0123456789";
  private static final String B64 = ALNUM + "+/";
  private static final String B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final String[] SERVICES = {"orders-api", "billing", "checkout", "search", "auth", "inventory", "mailer"};
  private static final String[] HOSTS = {"web-1", "web-2", "db-2", "bastion-1", "worker-7", "ip-10-0-3-17"};

  private final List<String> keywords;
  private final List<Kind> kinds;

  /** @param keywords the rules' keywords (words only) to write without a secret beside them */
  BenignLines(List<String> keywords) {
    this.keywords = List.copyOf(keywords);
    this.kinds = buildKinds();
  }

  List<Kind> kinds() {
    return kinds;
  }

  private List<Kind> buildKinds() {
    List<Kind> k = new ArrayList<>();
    // Phrases, each written in one of the line formats.
    phrase(k, "rule keyword, no secret", r -> keyword(r) + " " + pick(r, "deploy finished in " + r.nextInt(900) + " ms",
        "webhook received for order " + r.nextInt(99999), "client initialised (region eu-west-1)",
        "sync completed: " + r.nextInt(500) + " records", "rate limit reached, retrying in " + r.nextInt(60) + "s",
        "integration disabled by admin u_" + r.nextInt(9999), "API returned 503", "event delivered"));
    phrase(k, "rule keyword as a field", r -> "provider=" + keyword(r) + " status=" + pick(r, "200", "202", "429")
        + " duration_ms=" + r.nextInt(900) + " records=" + r.nextInt(100));
    phrase(k, "uuid", r -> pick(r, "request ", "order ", "job ", "correlation id ") + uuid(r) + " completed in "
        + r.nextInt(900) + " ms");
    phrase(k, "commit hash", r -> pick(r, "deployed commit ", "checked out ", "build of ", "reverted ") + chars(r, HEX, 40)
        + " to " + pick(r, "prod", "staging", "release/" + r.nextInt(9) + "." + r.nextInt(20)));
    phrase(k, "sha256 hex", r -> "artifact " + pick(SERVICES, r) + ".jar sha256=" + chars(r, HEX, 64) + " size="
        + r.nextInt(99_999_999));
    phrase(k, "image digest", r -> "pulled registry.example.com/shop/" + pick(SERVICES, r) + "@sha256:" + chars(r, HEX, 64));
    phrase(k, "trace ids", r -> "trace_id=" + chars(r, HEX, 32) + " span_id=" + chars(r, HEX, 16) + " parent_span_id="
        + chars(r, HEX, 16) + " sampled=1");
    phrase(k, "request id", r -> "request_id=" + pick(r, "req_", "rq-", "") + chars(r, ALNUM, 24) + " x-amzn-requestid="
        + uuid(r) + " status=200");
    phrase(k, "arn", r -> pick(r, "assumed role arn:aws:iam::" + digits(r, 12) + ":role/ci-deployer",
        "published to arn:aws:sns:eu-west-1:" + digits(r, 12) + ":orders-events",
        "invoked arn:aws:lambda:eu-west-1:" + digits(r, 12) + ":function:resize-" + chars(r, LOWER, 6)));
    phrase(k, "secrets manager arn", r -> "fetched arn:aws:secretsmanager:eu-west-1:" + digits(r, 12) + ":secret:prod/"
        + pick(SERVICES, r) + "/" + pick(r, "db-password", "api-key", "client-secret") + "-" + chars(r, ALNUM, 6)
        + " version " + uuid(r));
    phrase(k, "ssh public key", r -> "authorized key added: " + pick(r,
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + chars(r, B64, 43),
        "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ" + chars(r, B64, 300))
        + " deploy@" + pick(HOSTS, r));
    phrase(k, "ssh key fingerprint", r -> "Accepted publickey for deploy from 198.51.100." + r.nextInt(255) + " port "
        + r.nextInt(65535) + " ssh2: " + pick(r, "ED25519", "RSA", "ECDSA") + " SHA256:" + chars(r, B64, 43));
    phrase(k, "age recipient", r -> "encrypting backup for recipient age1" + chars(r, BECH32, 58));
    phrase(k, "version", r -> "version=" + r.nextInt(9) + "." + r.nextInt(30) + "." + r.nextInt(9) + "-rc." + r.nextInt(5)
        + "+build." + r.nextInt(999) + " go=go1.22." + r.nextInt(9) + " git_sha=" + chars(r, HEX, 7));
    phrase(k, "base64 payload", r -> "upload id=" + r.nextInt(9999) + " payload=" + base64(r, 30 + r.nextInt(90))
        + " size=" + r.nextInt(9999));
    phrase(k, "pagination cursor", r -> pick(r, "next_page_token=", "cursor=", "page_token=", "continuation=")
        + base64Url("{\"offset\":" + r.nextInt(100_000) + ",\"ts\":" + (1_784_000_000 + r.nextInt(999_999)) + "}")
        + " page_size=" + pick(r, "50", "100"));
    phrase(k, "credential words", r -> pick(r, "Authorization: none", "Authorization header missing",
        "password reset requested for user u_" + r.nextInt(9999), "token expired " + r.nextInt(60) + "s ago",
        "Bearer token missing; Basic auth disabled", "api key rotated by u_" + r.nextInt(9999) + " (old key revoked)",
        "secret scanning passed, 0 tokens found", "client_secret is not set, falling back to mTLS",
        "password policy: min_length=12 require_digit=true", "token_count=" + r.nextInt(999) + " max_tokens=4096",
        "refresh token rotation enabled", "invalid api key format (expected 32 characters)"));
    phrase(k, "mysql access denied", r -> "Access denied for user '" + pick(r, "app", "report", "root") + "'@'10.0.3."
        + r.nextInt(255) + "' (using password: " + pick(r, "YES", "NO") + ")");
    phrase(k, "kubernetes names", r -> pick(r, "pod/", "deployment.apps/", "replicaset/", "secret/", "configmap/")
        + pick(SERVICES, r) + "-" + chars(r, "bcdfghjklmnpqrstvwxz2456789", 10) + "-" + chars(r, "bcdfghjklmnpqrstvwxz2456789", 5)
        + " " + pick(r, "created", "configured", "unchanged", "deleted") + " in namespace shop");
    phrase(k, "paths", r -> "reading " + pick(r, "/etc/ssl/certs/ca-certificates.crt", "/var/lib/" + pick(SERVICES, r)
        + "/state/" + chars(r, HEX, 16) + ".db", "/home/deploy/.ssh/known_hosts", "/run/secrets/" + pick(SERVICES, r)
        + "_db_password", "C:\\ProgramData\\App\\config.json"));
    phrase(k, "url without credentials", r -> "GET https://" + pick(r, "api.example.com", "cdn.example.net", "hooks.example.org")
        + "/v" + r.nextInt(3) + "/" + pick(SERVICES, r) + "/" + r.nextInt(99999) + "?lang=en&sort=" + pick(r, "asc", "desc")
        + "&page=" + r.nextInt(50) + " -> 200");
    phrase(k, "wrong-length prefix", r -> "ref " + pick(r, "gh" + "p_", "gl" + "pat-", "xo" + "xb-", "sk" + "_live_",
        "AK" + "IA", "np" + "m_", "hv" + "s.", "SG" + ".", "AI" + "za", "sk" + "-ant-") + chars(r, ALNUM, 3 + r.nextInt(6))
        + " is " + pick(r, "truncated", "malformed", "a test fixture"));
    phrase(k, "wrong-alphabet prefix", r -> "id " + pick(r, "AK" + "IA" + chars(r, LOWER, 16), "gh" + "p_" + chars(r, "-.!", 36),
        "sk" + "_live_" + chars(r, "-.", 24), "AI" + "za" + chars(r, "!*", 35)) + " rejected by the validator");
    phrase(k, "email and ip", r -> "mail to " + chars(r, LOWER, 6) + "@example.com from 203.0.113." + r.nextInt(255)
        + " queued as " + chars(r, "ABCDEF0123456789", 10));
    phrase(k, "timestamps and numbers", r -> "ts=" + (1_784_000_000 + r.nextInt(999_999)) + " ts_ms="
        + (1_784_000_000_000L + r.nextInt(999_999_999)) + " offset=" + r.nextInt(99_999_999) + " partition=" + r.nextInt(12));
    phrase(k, "hostnames and keys of caches", r -> "cache key=orders:" + r.nextInt(99999) + ":" + chars(r, HEX, 8)
        + " hit=" + r.nextBoolean() + " ttl=" + r.nextInt(3600) + " node=" + pick(HOSTS, r) + ".internal");

    // Whole lines in their own format.
    k.add(new Kind("access log", r -> "203.0.113." + r.nextInt(255) + " - - [22/Jul/2026:09:" + two(r) + ":" + two(r)
        + " +0000] \"" + pick(r, "GET", "POST", "DELETE") + " /api/v1/orders/" + r.nextInt(99999) + "?page=" + r.nextInt(9)
        + "&include=items HTTP/1.1\" " + pick(r, "200", "201", "304", "404") + " " + r.nextInt(9999)
        + " \"https://shop.example.com/cart\" \"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36\""));
    k.add(new Kind("access log with cursor", r -> "198.51.100." + r.nextInt(255) + " - - [22/Jul/2026:09:" + two(r) + ":"
        + two(r) + " +0000] \"GET /api/v1/events?limit=100&next_page_token=" + base64Url("{\"after\":" + r.nextInt(1_000_000) + "}")
        + " HTTP/1.1\" 200 " + r.nextInt(9999) + " \"-\" \"python-requests/2.32.3\""));
    k.add(new Kind("cloudtrail secrets manager read", r -> "{\"eventVersion\":\"1.09\",\"eventSource\":\"secretsmanager.amazonaws.com\","
        + "\"eventName\":\"GetSecretValue\",\"awsRegion\":\"eu-west-1\",\"userIdentity\":{\"type\":\"AssumedRole\",\"arn\":"
        + "\"arn:aws:sts::" + digits(r, 12) + ":assumed-role/orders-task/" + chars(r, HEX, 32) + "\",\"accessKeyId\":\"ASIA"
        + "EXAMPLE\"},\"requestParameters\":{\"secretId\":\"arn:aws:secretsmanager:eu-west-1:" + digits(r, 12)
        + ":secret:prod/orders/db-" + chars(r, ALNUM, 6) + "\"},\"responseElements\":null,\"requestID\":\"" + uuid(r)
        + "\",\"eventID\":\"" + uuid(r) + "\"}"));
    k.add(new Kind("kubernetes audit", r -> "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\","
        + "\"auditID\":\"" + uuid(r) + "\",\"verb\":\"" + pick(r, "get", "list", "watch") + "\",\"user\":{\"username\":"
        + "\"system:serviceaccount:shop:" + pick(SERVICES, r) + "\"},\"objectRef\":{\"resource\":\"secrets\",\"namespace\":"
        + "\"shop\",\"name\":\"" + pick(SERVICES, r) + "-tls\"},\"responseStatus\":{\"code\":200}}"));
    k.add(new Kind("otel log record", r -> "{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
        + "\"value\":{\"stringValue\":\"" + pick(SERVICES, r) + "\"}}]},\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\""
        + (1_784_714_723_000_000_000L + r.nextInt(999_999_999)) + "\",\"severityText\":\"INFO\",\"body\":{\"stringValue\":"
        + "\"request served\"},\"traceId\":\"" + chars(r, HEX, 32) + "\",\"spanId\":\"" + chars(r, HEX, 16) + "\"}]}]}]}"));
    k.add(new Kind("sshd", r -> "<38>Jul 22 09:" + two(r) + ":" + two(r) + " " + pick(HOSTS, r) + " sshd[" + r.nextInt(30000)
        + "]: " + pick(r, "Accepted publickey for deploy from 198.51.100." + r.nextInt(255) + " port " + r.nextInt(65535)
            + " ssh2: ED25519 SHA256:" + chars(r, B64, 43),
        "Failed password for invalid user admin from 203.0.113." + r.nextInt(255) + " port " + r.nextInt(65535) + " ssh2",
        "Connection closed by authenticating user root 203.0.113." + r.nextInt(255) + " port " + r.nextInt(65535) + " [preauth]")));
    k.add(new Kind("sudo", r -> "<86>Jul 22 09:52:" + two(r) + " " + pick(HOSTS, r) + " sudo:    alice : TTY=pts/"
        + r.nextInt(9) + " ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/systemctl restart " + pick(SERVICES, r)));
    k.add(new Kind("klog", r -> "I0722 09:54:0" + r.nextInt(10) + "." + digits(r, 6) + "   28133 controller.go:70] reconciled "
        + "deployment shop/" + pick(SERVICES, r) + " generation=" + r.nextInt(99) + " image=registry.example.com/shop/"
        + pick(SERVICES, r) + "@sha256:" + chars(r, HEX, 64)));
    k.add(new Kind("pgp public key block", r -> {
      StringBuilder sb = new StringBuilder("importing key for release signing:\n-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n");
      for (int i = 0; i < 4; i++) {
        sb.append(chars(r, B64, 64)).append('\n');
      }
      return sb.append('=').append(chars(r, B64, 4)).append("\n-----END PGP PUBLIC KEY BLOCK-----").toString();
    }));
    k.add(new Kind("stack trace", r -> "2026-07-22 09:48:02,511 ERROR [worker-" + r.nextInt(9) + "] com.example.sync.Job - sync failed\n"
        + "java.net.SocketTimeoutException: Read timed out after " + r.nextInt(30000) + " ms\n"
        + "\tat com.example.auth.TokenService.refresh(TokenService.java:" + r.nextInt(900) + ")\n"
        + "\tat com.example.sync.Job.run(Job.java:41)"));
    k.add(new Kind("xml", r -> "2026-07-22 09:47:31,442 DEBUG [soap-3] com.example.billing.SoapClient - response: "
        + "<GetInvoiceResponse><id>" + r.nextInt(99999) + "</id><token-type>Bearer</token-type><expires-in>3600</expires-in>"
        + "<etag>" + chars(r, HEX, 32) + "</etag></GetInvoiceResponse>"));
    return List.copyOf(k);
  }

  /** {@code count} lines, the kinds taken in turn. */
  List<Line> lines(int count, long seed) {
    Random random = new Random(seed);
    List<Line> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Kind kind = kinds.get(i % kinds.size());
      lines.add(new Line(kind.name(), kind.line().apply(random)));
    }
    return lines;
  }

  /** A benign line and its kind. */
  record Line(String kind, String text) {}

  // The line formats a phrase is written in.
  private static final List<BiFunction<Random, String, String>> FORMATS = List.of(
      (r, s) -> "{\"@timestamp\":\"2026-07-22T09:" + two(r) + ":" + two(r) + ".120Z\",\"level\":\"INFO\",\"logger_name\":"
          + "\"com.example." + pick(SERVICES, r).replace('-', '.') + "\",\"thread_name\":\"worker-" + r.nextInt(9)
          + "\",\"message\":\"" + TextEncodings.json(s) + "\"}",
      (r, s) -> "ts=2026-07-22T09:" + two(r) + ":" + two(r) + "Z level=info service=" + pick(SERVICES, r) + " msg=\""
          + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"",
      (r, s) -> "<30>Jul 22 09:" + two(r) + ":" + two(r) + " " + pick(HOSTS, r) + " " + pick(SERVICES, r) + "["
          + r.nextInt(30000) + "]: " + s,
      (r, s) -> "<134>1 2026-07-22T09:" + two(r) + ":" + two(r) + ".003Z " + pick(HOSTS, r) + " " + pick(SERVICES, r) + " "
          + r.nextInt(30000) + " - [meta@32473 region=\"eu-west-1\"] " + s,
      (r, s) -> "I0722 09:" + two(r) + ":" + two(r) + ".000001   28133 worker.go:" + r.nextInt(400) + "] " + s,
      (r, s) -> "2026-07-22 09:" + two(r) + ":" + two(r) + ",120 INFO [main] com.example." + pick(SERVICES, r).replace('-', '.')
          + " - " + s,
      (r, s) -> "2026/07/22 09:" + two(r) + ":" + two(r) + " [warn] 1234#1234: *" + r.nextInt(999) + " " + s
          + ", client: 203.0.113." + r.nextInt(255) + ", server: api.example.com");

  private static void phrase(List<Kind> kinds, String name, Function<Random, String> phrase) {
    kinds.add(new Kind(name, r -> FORMATS.get(r.nextInt(FORMATS.size())).apply(r, phrase.apply(r))));
  }

  private String keyword(Random r) {
    return keywords.get(r.nextInt(keywords.size()));
  }

  private static String pick(Random r, String... options) {
    return options[r.nextInt(options.length)];
  }

  private static String pick(String[] options, Random r) {
    return options[r.nextInt(options.length)];
  }

  static String chars(Random r, String alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private static String digits(Random r, int n) {
    return chars(r, "0123456789", n);
  }

  private static String two(Random r) {
    return String.format("%02d", r.nextInt(60));
  }

  private static String uuid(Random r) {
    return chars(r, HEX, 8) + "-" + chars(r, HEX, 4) + "-4" + chars(r, HEX, 3) + "-" + pick(r, "8", "9", "a", "b")
        + chars(r, HEX, 3) + "-" + chars(r, HEX, 12);
  }

  private static String base64(Random r, int bytes) {
    byte[] data = new byte[bytes];
    r.nextBytes(data);
    return Base64.getEncoder().encodeToString(data);
  }

  private static String base64Url(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
