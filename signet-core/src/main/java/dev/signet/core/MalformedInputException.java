package dev.signet.core;

/** Input that is not well-formed MIME, CMS, ASN.1, PEM or PKCS#12, or that exceeds a limit. */
public final class MalformedInputException extends SmimeException {
  private static final long serialVersionUID = 1L;

  public MalformedInputException(String message) {
    super(FailureKind.MALFORMED_INPUT, message, null);
  }

  public MalformedInputException(String message, Throwable cause) {
    super(FailureKind.MALFORMED_INPUT, message, cause);
  }
}
