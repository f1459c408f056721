package io.logwarden.schema.registry;

/**
 * A schema registry could not answer: unreachable, refused the credentials, refused a schema or
 * knows no such id. The message names the registry's address (without credentials) and the cause;
 * it never carries record content or secrets.
 */
public class RegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RegistryException(String message) {
    super(message);
  }

  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
