package dev.signet.core;

/** An algorithm that is unknown, or refused by the algorithm policy. */
public final class UnsupportedAlgorithmException extends SmimeException {
  private static final long serialVersionUID = 1L;

  public UnsupportedAlgorithmException(String message) {
    super(FailureKind.UNSUPPORTED_ALGORITHM, message, null);
  }

  public UnsupportedAlgorithmException(String message, Throwable cause) {
    super(FailureKind.UNSUPPORTED_ALGORITHM, message, cause);
  }
}
