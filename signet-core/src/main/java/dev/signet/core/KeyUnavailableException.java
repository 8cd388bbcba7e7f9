package dev.signet.core;

/** No private key could be used: a wrong password, or no digital ID matches any recipient. */
public final class KeyUnavailableException extends SmimeException {
  private static final long serialVersionUID = 1L;

  public KeyUnavailableException(String message) {
    super(FailureKind.KEY_UNAVAILABLE, message, null);
  }

  public KeyUnavailableException(String message, Throwable cause) {
    super(FailureKind.KEY_UNAVAILABLE, message, cause);
  }
}
