package dev.signet.pki;

/** The certificate authority could not do what was asked; {@link #reason()} says why, for callers to map. */
public final class CaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a request failed: each is a stable name for the CLI, the HTTP answers and the audit log. */
  public enum Reason {
    NOT_INITIALIZED,
    ALREADY_INITIALIZED,
    WRONG_PASSPHRASE,
    BAD_REQUEST,
    WEAK_KEY,
    TOKEN_UNKNOWN,
    TOKEN_USED,
    TOKEN_EXPIRED,
    WRONG_ADDRESS,
    NOT_AUTHORIZED,
    UNKNOWN_SERIAL,
    ALREADY_REVOKED,
    KEY_ARCHIVAL_REQUIRED,
    NOTHING_ARCHIVED,
    /** The to-be-signed certificate broke a rule of its profile: nothing was issued. */
    LINT_FAILED,
    STORE
  }

  private final Reason reason;

  public CaException(Reason reason, String message) {
    this(reason, message, null);
  }

  public CaException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
