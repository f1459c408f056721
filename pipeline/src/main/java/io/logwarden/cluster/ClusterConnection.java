package io.logwarden.cluster;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The first contact with the cluster, before a command does anything: one admin request that must
 * pass the TLS handshake and the login, and the check that the principal holds the topic ACLs it
 * needs. A failure is a {@link ConnectionException} whose one line says why in an operator's terms
 * (the broker's certificate is not trusted, has expired, names another host; the password is wrong;
 * which operation on which topic is denied), instead of a client that retries until a timeout.
 */
public final class ClusterConnection {

  /** How long the first request may take before the cluster is taken to be unreachable. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  private ClusterConnection() {}

  /**
   * Describes the cluster once with these client properties.
   *
   * @throws ConnectionException when no broker answers, or the handshake or the login fails
   */
  public static void check(Map<String, ?> clientProperties) {
    check(clientProperties, TIMEOUT);
  }

  /** {@link #check(Map)}, waiting at most {@code timeout} for an answer. */
  static void check(Map<String, ?> clientProperties, Duration timeout) {
    Map<String, Object> props = KafkaClientProperties.withConfigProviders(clientProperties);
    String bootstrap = KafkaClientProperties.bootstrap(props);
    try (Admin admin = Admin.create(props)) {
      // The call's own timeout, not the admin client's default minute of retries.
      KafkaFuture<String> clusterId =
          admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).clusterId();
      try {
        get(clusterId, bootstrap, timeout.plusSeconds(5));
      } catch (ExecutionException e) {
        throw new ConnectionException(bootstrap, describe(e.getCause(), timeout), e.getCause());
      }
    } catch (org.apache.kafka.common.KafkaException e) {
      // The client could not even be made: a keystore that cannot be read, a bad JAAS line.
      throw new ConnectionException(bootstrap, describe(e), e);
    }
  }

  /**
   * Checks that the principal may do {@code needed} on each topic that exists: one describe with
   * the authorized operations, which the broker answers from the same ACLs it enforces.
   *
   * @param needed topic name to the operations the command will do on it
   * @throws ConnectionException naming the first operation and topic denied
   */
  public static void checkTopicAccess(Admin admin, String bootstrap, Map<String, Set<AclOperation>> needed) {
    if (needed.isEmpty()) {
      return;
    }
    Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(needed.keySet(),
        new DescribeTopicsOptions().includeAuthorizedOperations(true).timeoutMs((int) TIMEOUT.toMillis()))
        .topicNameValues();
    List<String> denied = new ArrayList<>();
    for (Map.Entry<String, Set<AclOperation>> topic : new LinkedHashMap<>(needed).entrySet()) {
      TopicDescription description;
      try {
        description = get(described.get(topic.getKey()), bootstrap, TIMEOUT.plusSeconds(5));
      } catch (ExecutionException e) {
        if (e.getCause() instanceof UnknownTopicOrPartitionException) {
          continue; // missing: provisioning creates it or says so
        }
        if (e.getCause() instanceof TopicAuthorizationException) {
          denied.add(names(topic.getValue()) + " on topic " + topic.getKey());
          continue;
        }
        throw new ConnectionException(bootstrap, describe(e.getCause()), e.getCause());
      }
      Set<AclOperation> allowed = description.authorizedOperations();
      if (allowed == null) {
        continue; // a broker that does not tell: the operations themselves will say
      }
      List<AclOperation> missing = topic.getValue().stream()
          .filter(operation -> !allowed.contains(operation) && !allowed.contains(AclOperation.ALL)).toList();
      if (!missing.isEmpty()) {
        denied.add(names(missing) + " on topic " + topic.getKey());
      }
    }
    if (!denied.isEmpty()) {
      throw new ConnectionException(bootstrap, "not authorized: the principal may not " + denied.get(0)
          + (denied.size() > 1 ? " (and " + (denied.size() - 1) + " more)" : "")
          + "; grant the policy's ACLs with `logwarden acls apply`", null);
    }
  }

  /** A one-line, secret-free account of why a request to the cluster failed. */
  public static String describe(Throwable error) {
    return describe(error, TIMEOUT);
  }

  private static String describe(Throwable error, Duration timeout) {
    Throwable e = error instanceof ExecutionException && error.getCause() != null ? error.getCause() : error;
    // A refusal wrapped by the client that met it (a stream thread's StreamsException): the refusal says why.
    Throwable refusal = innermostRefusal(e);
    if (refusal != null) {
      e = refusal;
    }
    if (e instanceof TimeoutException || e instanceof org.apache.kafka.common.errors.TimeoutException) {
      return "no broker answered within " + timeout.toSeconds() + " s (is the address right, and does "
          + "security.protocol match the broker's listener?)";
    }
    CertificateExpiredException expired = find(e, CertificateExpiredException.class);
    if (expired != null) {
      return "the broker's certificate has expired (" + expired.getMessage() + ")";
    }
    CertificateNotYetValidException early = find(e, CertificateNotYetValidException.class);
    if (early != null) {
      return "the broker's certificate is not valid yet (" + early.getMessage() + "); is this machine's clock right?";
    }
    if (find(e, CertPathBuilderException.class) != null) {
      return "the broker's certificate is not trusted: no certificate in the client's truststore "
          + "(ssl.truststore.location or ssl.truststore.certificates) issued it";
    }
    String hostname = hostnameMismatch(e);
    if (hostname != null) {
      return "the broker's certificate does not match its host name (" + hostname + "); it must name the host in "
          + "its subject alternative names (hostname verification, ssl.endpoint.identification.algorithm=https)";
    }
    if (e instanceof SslAuthenticationException) {
      String detail = innermost(e).getMessage();
      if (detail != null && detail.toLowerCase(Locale.ROOT).contains("certificate_required")
          || detail != null && detail.toLowerCase(Locale.ROOT).contains("bad_certificate")) {
        return "the broker refused the client's certificate (mutual TLS): check ssl.keystore.location and that "
            + "the broker trusts its issuer";
      }
      return "the TLS handshake failed: " + oneLine(detail);
    }
    if (e instanceof SaslAuthenticationException) {
      return "authentication failed: " + oneLine(e.getMessage()) + " (check the user name and password of "
          + "sasl.jaas.config)";
    }
    if (e instanceof AuthenticationException) {
      return "authentication failed: " + oneLine(e.getMessage());
    }
    if (e instanceof AuthorizationException) {
      return "not authorized: " + oneLine(e.getMessage());
    }
    return oneLine(e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  /** Whether an error means the cluster cannot be used with this identity and these ACLs at all. */
  public static boolean isFatal(Throwable error) {
    return innermostRefusal(error) != null;
  }

  // The innermost authentication or authorization error in the chain, or null.
  private static Throwable innermostRefusal(Throwable error) {
    Throwable found = null;
    for (Throwable e = error; e != null; e = e.getCause()) {
      if (e instanceof AuthenticationException || e instanceof AuthorizationException) {
        found = e;
      }
      if (e.getCause() == e) {
        break;
      }
    }
    return found;
  }

  // The future's value; its own failure is the caller's to read, a timeout or interrupt is a ConnectionException.
  private static <T> T get(KafkaFuture<T> future, String bootstrap, Duration wait) throws ExecutionException {
    try {
      return future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new ConnectionException(bootstrap, describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionException(bootstrap, "interrupted", e);
    }
  }

  // The JDK's hostname checks (sun.security.util.HostnameChecker) say "No subject alternative DNS
  // name matching <host> found", "No subject alternative names matching IP address <ip> found" or
  // "No name matching <host> found".
  private static String hostnameMismatch(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause()) {
      String message = e.getMessage();
      if (e instanceof java.security.cert.CertificateException && message != null
          && (message.startsWith("No subject alternative") || message.startsWith("No name matching"))) {
        return oneLine(message);
      }
      if (e.getCause() == e) {
        break;
      }
    }
    return null;
  }

  private static <T extends Throwable> T find(Throwable error, Class<T> type) {
    for (Throwable e = error; e != null; e = e.getCause()) {
      if (type.isInstance(e)) {
        return type.cast(e);
      }
      if (e.getCause() == e) {
        break;
      }
    }
    return null;
  }

  private static Throwable innermost(Throwable error) {
    Throwable e = error;
    while (e.getCause() != null && e.getCause() != e) {
      e = e.getCause();
    }
    return e;
  }

  private static String names(Collection<AclOperation> operations) {
    return String.join(" and ", operations.stream().map(AclOperation::name).toList());
  }

  private static String oneLine(String text) {
    return text == null ? "(no message)" : text.replaceAll("\\s+", " ").trim();
  }
}
