package io.logwarden.redact.corpus;

import static io.logwarden.redact.corpus.TextEncodings.form;
import static io.logwarden.redact.corpus.TextEncodings.json;
import static io.logwarden.redact.corpus.TextEncodings.oneLine;
import static io.logwarden.redact.corpus.TextEncodings.query;
import static io.logwarden.redact.corpus.TextEncodings.unicodeAll;
import static io.logwarden.redact.corpus.TextEncodings.unicodeSymbols;
import static io.logwarden.redact.corpus.TextEncodings.xml;

import java.util.List;
import java.util.function.BiFunction;

/**
 * The places in a raw record where the corpus plants a secret: thirteen, each a whole record in a
 * format the pipeline reads. A context has a few shapes, chosen by the value's index, so that each
 * secret meets one of them and the corpus as a whole meets all.
 */
final class SecretContexts {

  /** One place: {@code render(planted, index)} is the raw record. */
  record Context(String name, BiFunction<String, Integer, String> render) {
    String record(String planted, int index) {
      return render.apply(planted, index);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static final String APP_TIME = "2026-07-22 09:47:31,442";
  private static final String ISO_TIME = "2026-07-22T09:47:31.442Z";

  private SecretContexts() {}

  private static String pick(int index, String... options) {
    return options[Math.floorMod(index, options.length)];
  }

  static final List<Context> ALL = List.of(
      new Context("json, innocuous key", (p, i) -> "{\"@timestamp\":\"" + ISO_TIME + "\",\"level\":\"WARN\","
          + "\"logger_name\":\"com.example.sync.PartnerClient\",\"message\":\"partner sync retried\",\""
          + pick(i, "detail", "note", "context", "value") + "\":\"" + json(p) + "\",\"attempt\":2}"),

      new Context("json, secret key", (p, i) -> i % 4 == 3
          ? "{\"@timestamp\":\"" + ISO_TIME + "\",\"level\":\"INFO\",\"message\":\"client configured\","
              + "\"config\":{\"auth\":{\"client_secret\":\"" + json(p) + "\"},\"timeout_ms\":5000}}"
          : "{\"@timestamp\":\"" + ISO_TIME + "\",\"level\":\"INFO\",\"message\":\"client configured\",\"service\":\"billing\",\""
              + pick(i, "api_key", "token", "password") + "\":\"" + json(p) + "\"}"),

      new Context("name/value split", (p, i) -> switch (i % 3) {
        case 0 -> "{\"message\":\"outbound request\",\"http\":{\"method\":\"POST\",\"headers\":[{\"name\":\"Accept\","
            + "\"value\":\"application/json\"},{\"name\":\"X-Api-Key\",\"value\":\"" + json(p) + "\"}]}}";
        case 1 -> "{\"message\":\"setting changed\",\"name\":\"x-api-key\",\"value\":\"" + json(p) + "\",\"changed_by\":\"ops\"}";
        default -> "{\"message\":\"container started\",\"env\":[{\"name\":\"LOG_LEVEL\",\"value\":\"info\"},"
            + "{\"name\":\"API_TOKEN\",\"value\":\"" + json(p) + "\"}]}";
      }),

      new Context("url query", (p, i) -> i % 2 == 0
          ? "203.0.113.42 - - [22/Jul/2026:09:46:02 +0000] \"GET /v1/export?format=csv&" + pick(i / 2, "api_key", "token", "key")
              + "=" + query(p) + "&page=2 HTTP/1.1\" 200 512 \"-\" \"curl/8.5.0\""
          : "{\"message\":\"request completed\",\"url\":\"https://api.example.com/v1/export?format=csv&access_token="
              + json(query(p)) + "&page=2\",\"status\":200}"),

      new Context("http header", (p, i) -> APP_TIME + " DEBUG [http-nio-8080-exec-3] org.apache.http.headers - http-outgoing-7 >> "
          + (i % 2 == 0 ? "X-Api-Key: " : "Authorization: Bearer ") + oneLine(p)),

      new Context("free text", (p, i) -> APP_TIME + " WARN [main] com.example.deploy.Uploader - "
          + pick(i, "upload to the registry failed after retrying with ", "configured the client with ",
              "partner replied 401 to the request that carried ") + oneLine(p) + pick(i, " (3 attempts)", "", " and gave up")),

      new Context("syslog rfc3164", (p, i) -> "<38>Jul 22 09:52:11 web-1 deploy-agent[4242]: using " + oneLine(p)
          + " for the artifact upload"),

      new Context("syslog rfc5424, context in header", (p, i) -> "<134>1 " + ISO_TIME + " web-1 "
          + pick(i, "credential-sync 4242 API_KEY [cred@32473 name=\"api_key\" store=\"vault\"] ",
              "token-rotator 4242 TOKEN_ROTATED [secret@32473 kind=\"client_secret\"] ",
              "vault-agent 4242 - [auth@32473 credential=\"password\"] ")
          + oneLine(p)),

      new Context("logfmt", (p, i) -> "ts=" + ISO_TIME + " level=error msg=\"call failed\" "
          + pick(i, "token", "detail", "api_key") + "=" + logfmtValue(oneLine(p)) + " retry=1"),

      new Context("xml element", (p, i) -> APP_TIME + " DEBUG [soap-3] com.example.billing.SoapClient - request: "
          + (i % 2 == 0
              ? "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Header><auth><apiKey>"
                  + xml(oneLine(p)) + "</apiKey></auth></soap:Header><soap:Body><GetInvoice><id>42</id></GetInvoice>"
                  + "</soap:Body></soap:Envelope>"
              : "<config><credential name=\"token\">" + xml(oneLine(p)) + "</credential><timeout>30</timeout></config>")),

      new Context("stack trace", (p, i) -> {
        String trace = "com.example.client.UpstreamException: upstream rejected the request with " + p + "\n"
            + "\tat com.example.client.PartnerClient.call(PartnerClient.java:88)\n"
            + "\tat com.example.sync.Job.run(Job.java:41)\n"
            + "Caused by: java.io.IOException: HTTP 401\n"
            + "\tat com.example.client.Http.send(Http.java:120)\n"
            + "\t... 4 more";
        return i % 2 == 0
            ? APP_TIME + " ERROR [worker-3] com.example.sync.Job - sync failed\n" + trace
            : "{\"@timestamp\":\"" + ISO_TIME + "\",\"level\":\"ERROR\",\"logger_name\":\"com.example.sync.Job\","
                + "\"message\":\"sync failed\",\"stack_trace\":\"" + json(trace) + "\"}";
      }),

      new Context("url-encoded", (p, i) -> i % 2 == 0
          ? APP_TIME + " DEBUG [oauth] com.example.auth.TokenClient - POST https://login.example.com/oauth2/token body: "
              + "grant_type=client_credentials&client_id=svc-orders&client_secret=" + form(p) + "&scope=orders.read"
          : "{\"message\":\"callback received\",\"query\":\"state=af31&code=" + json(form(p)) + "&session_state=0\"}"),

      new Context("json-escaped", (p, i) -> switch (i % 3) {
        case 0 -> "{\"level\":\"WARN\",\"message\":\"partner call\",\"detail\":\"" + unicodeSymbols(p) + "\"}";
        case 1 -> "{\"level\":\"DEBUG\",\"message\":\"response body: {\\\"status\\\":\\\"ok\\\",\\\"apiKey\\\":\\\""
            + json(unicodeAll(p)) + "\\\"}\"}";
        default -> APP_TIME + " DEBUG [main] com.example.Client - response body: {\"status\":\"ok\",\"apiKey\":\""
            + unicodeSymbols(p) + "\"}";
      }));

  /** A logfmt value, quoted when it holds what would end it. */
  static String logfmtValue(String s) {
    if (!s.isEmpty() && s.chars().noneMatch(c -> c == ' ' || c == '"' || c == '=' || c == '\\')) {
      return s;
    }
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
