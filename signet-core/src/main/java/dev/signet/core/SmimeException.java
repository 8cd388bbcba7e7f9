package dev.signet.core;

/**
 * Signet could not do what was asked: the input is malformed, a key is unavailable, an algorithm
 * is refused. A bad signature is not an exception; it is a problem in the {@link SecurityReport}.
 */
public abstract sealed class SmimeException extends RuntimeException implements SignetFailure
    permits MalformedInputException, KeyUnavailableException, UnsupportedAlgorithmException,
        DecryptionFailedException, PolicyViolationException {
  private static final long serialVersionUID = 1L;
  private final FailureKind kind;

  protected SmimeException(FailureKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  @Override
  public FailureKind kind() {
    return kind;
  }
}
