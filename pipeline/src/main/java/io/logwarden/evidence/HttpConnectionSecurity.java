package io.logwarden.evidence;

import io.logwarden.evidence.PipelineConnections.RegistryConnection;
import io.logwarden.notify.Destination;
import io.logwarden.notify.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the pipeline's HTTP connections go: the schema registry (https, and credentials or a client
 * certificate) and each notify destination (https). A URL is shown as scheme, host and port only;
 * a URL that is a secret (a webhook's, Slack's) is judged only when the caller read it, and never
 * shown.
 */
final class HttpConnectionSecurity {

  static final String REGISTRY = "schema registry";

  private HttpConnectionSecurity() {}

  /** The schema registry connection. */
  static ConnectionCheck registry(RegistryConnection registry) {
    List<String> findings = new ArrayList<>();
    List<String> undecided = new ArrayList<>();
    List<String> credentials = new ArrayList<>();
    if (registry.basicAuth()) {
      credentials.add("basic auth");
    }
    if (registry.bearerToken()) {
      credentials.add("bearer token");
    }
    if (registry.clientCertificate()) {
      credentials.add("client certificate (mutual TLS)");
    }
    String authentication = credentials.isEmpty() ? "none" : String.join(", ", credentials);
    if (registry.url() == null) {
      undecided.add(REGISTRY + ": schema_registry has no url, so it comes from LOGWARDEN_SCHEMA_REGISTRY_URL where the "
          + "pipeline runs, which this report does not see.");
      return ConnectionCheck.judged(REGISTRY, "url not in the file", "not visible", authentication, findings, undecided);
    }
    String scheme = scheme(registry.url());
    String encryption = encryption(scheme);
    if (!"https".equals(scheme)) {
      findings.add(REGISTRY + ": schema_registry.url is " + (scheme == null ? "not an http(s) URL" : "http, not https")
          + ": schemas" + (credentials.isEmpty() ? "" : " and the registry credentials") + " travel unencrypted.");
    }
    if (credentials.isEmpty()) {
      findings.add(REGISTRY + ": no basic_auth, bearer or tls.keystore: the registry does not know who registers and "
          + "reads the pipeline's schemas.");
    }
    return ConnectionCheck.judged(REGISTRY, shown(registry.url()), encryption, authentication, findings, undecided);
  }

  /** One notify destination's connection; a file is none. */
  static ConnectionCheck destination(Destination destination) {
    String connection = "notify destination " + destination.name() + " (" + destination.type().word() + ")";
    List<String> findings = new ArrayList<>();
    List<String> undecided = new ArrayList<>();
    Destination.Target target = destination.target();
    if (target instanceof Destination.PagerDuty pagerDuty) {
      String scheme = scheme(pagerDuty.endpoint().toString());
      httpsOnly(connection, "endpoint", scheme, findings);
      return ConnectionCheck.judged(connection, shown(pagerDuty.endpoint().toString()), encryption(scheme),
          "routing key", findings, undecided);
    }
    if (target instanceof Destination.Webhook webhook) {
      return secretUrl(connection, webhook.url(), webhook.secretHeaders().isEmpty() ? "none configured"
          : "secret header(s) " + String.join(", ", webhook.secretHeaders().keySet()), findings, undecided);
    }
    if (target instanceof Destination.Slack slack) {
      return secretUrl(connection, slack.url(), "the token in its URL", findings, undecided);
    }
    return ConnectionCheck.unjudged(connection, "a local file", "-", "-", ConnectionCheck.Outcome.NO_CONNECTION);
  }

  // A URL that holds a token: judged by its scheme when read, never shown.
  private static ConnectionCheck secretUrl(String connection, Secret url, String authentication, List<String> findings,
      List<String> undecided) {
    String endpoint = "URL from " + url.source();
    if (!url.isRead()) {
      undecided.add(connection + ": its URL is a secret (" + url.source() + ") that this report does not read, so "
          + "whether it is https is not visible here.");
      return ConnectionCheck.judged(connection, endpoint, "not visible", authentication, findings, undecided);
    }
    String scheme = scheme(url.value());
    httpsOnly(connection, "url", scheme, findings);
    return ConnectionCheck.judged(connection, endpoint, encryption(scheme), authentication, findings, undecided);
  }

  private static void httpsOnly(String connection, String setting, String scheme, List<String> findings) {
    if (!"https".equals(scheme)) {
      findings.add(connection + ": its " + setting + " is " + (scheme == null ? "not an http(s) URL" : "http, not https")
          + ": alerts travel unencrypted.");
    }
  }

  /** The scheme in lower case (URI schemes are case-insensitive: HTTPS is https), or null when not http(s). */
  static String scheme(String url) {
    try {
      String scheme = new URI(url.strip()).getScheme();
      scheme = scheme == null ? null : scheme.toLowerCase(Locale.ROOT);
      return "https".equals(scheme) || "http".equals(scheme) ? scheme : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static String encryption(String scheme) {
    return "https".equals(scheme) ? "TLS (https)" : "http".equals(scheme) ? "none (http)" : "not an http(s) URL";
  }

  // Scheme, host and port: never the user info, path or query, where a token could be.
  private static String shown(String url) {
    try {
      URI uri = new URI(url.strip());
      String scheme = scheme(url);
      if (scheme == null || uri.getHost() == null) {
        return "not shown";
      }
      return scheme + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    } catch (URISyntaxException e) {
      return "not shown";
    }
  }
}
