package io.logwarden.cluster;

/** A cluster admin operation failed: topics or ACLs could not be listed, read, created or changed. */
public class ProvisioningException extends RuntimeException {
  public ProvisioningException(String message, Throwable cause) {
    super(message, cause);
  }
}
