package dev.signet.core;

/** Decryption ran but failed: an authentication tag mismatch, bad padding, a corrupt key. */
public final class DecryptionFailedException extends SmimeException {
  private static final long serialVersionUID = 1L;

  public DecryptionFailedException(String message, Throwable cause) {
    super(FailureKind.DECRYPTION_FAILED, message, cause);
  }
}
