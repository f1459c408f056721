package io.logwarden.schema.registry;

import java.util.OptionalInt;

/**
 * A schema registry could not answer: unreachable, refused the credentials, refused a schema or
 * knows no such id. The message names the registry's address (without credentials) and the cause;
 * it never carries record content or secrets.
 *
 * <p>When the registry answered, {@link #httpStatus()} and {@link #errorCode()} say how, so that a
 * caller can tell a record naming an unknown schema id ({@link #notFound()}: a bad record) from a
 * registry that is down or refuses the credentials (a deployment problem).
 */
public class RegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final int errorCode;

  public RegistryException(String message) {
    this(message, 0, 0, null);
  }

  public RegistryException(String message, Throwable cause) {
    this(message, 0, 0, cause);
  }

  /**
   * A refusal the registry answered with.
   *
   * @param httpStatus the HTTP status, or 0 when the registry did not answer
   * @param errorCode the registry's {@code error_code} (e.g. 40403), or 0 when it gave none
   */
  public RegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** The HTTP status the registry answered with; empty when it did not answer (unreachable, timeout, TLS). */
  public OptionalInt httpStatus() {
    return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
  }

  /** The registry's {@code error_code} (40401 subject not found, 40403 schema not found, 42201 invalid schema ...). */
  public OptionalInt errorCode() {
    return errorCode == 0 ? OptionalInt.empty() : OptionalInt.of(errorCode);
  }

  /**
   * Whether the registry answered that it holds no such subject (40401), version (40402) or schema
   * (40403: an unknown id, or a schema the subject does not hold). A 404 without one of these codes
   * is not counted: it is what a wrong base URL gets, a deployment problem.
   */
  public boolean notFound() {
    return httpStatus == 404 && (errorCode == 40401 || errorCode == 40402 || errorCode == 40403);
  }
}
