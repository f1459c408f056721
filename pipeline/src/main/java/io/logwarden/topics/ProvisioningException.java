package io.logwarden.topics;

/** Topics could not be listed, read or created. */
public class ProvisioningException extends RuntimeException {
  public ProvisioningException(String message, Throwable cause) {
    super(message, cause);
  }
}
