package io.logwarden.cluster;

/**
 * The cluster cannot be used at all: no broker answered, the TLS handshake or the login failed, or
 * the principal lacks an ACL it needs. The message is one line, {@code cannot connect to <bootstrap>:
 * <cause>}, and names no secret.
 */
public final class ConnectionException extends ProvisioningException {

  private final String bootstrap;

  public ConnectionException(String bootstrap, String cause, Throwable error) {
    super("cannot connect to " + bootstrap + ": " + cause, error);
    this.bootstrap = bootstrap;
  }

  /** The bootstrap address that could not be used. */
  public String bootstrap() {
    return bootstrap;
  }
}
