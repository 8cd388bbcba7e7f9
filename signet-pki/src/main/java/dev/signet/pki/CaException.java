package dev.signet.pki;

import dev.signet.core.FailureKind;
import dev.signet.core.SignetFailure;

/** The certificate authority could not do what was asked; {@link #reason()} says why, for callers to map. */
public final class CaException extends RuntimeException implements SignetFailure {
  private static final long serialVersionUID = 1L;

  /**
   * Why a request failed: each is a stable name for the HTTP answers and the audit log, finer than the
   * {@link FailureKind} it is of.
   */
  public enum Reason {
    NOT_INITIALIZED(FailureKind.NOT_FOUND),
    ALREADY_INITIALIZED(FailureKind.CONFLICT),
    WRONG_PASSPHRASE(FailureKind.KEY_UNAVAILABLE),
    BAD_REQUEST(FailureKind.MALFORMED_INPUT),
    WEAK_KEY(FailureKind.UNSUPPORTED_ALGORITHM),
    TOKEN_UNKNOWN(FailureKind.NOT_AUTHENTICATED),
    TOKEN_USED(FailureKind.NOT_AUTHENTICATED),
    TOKEN_EXPIRED(FailureKind.NOT_AUTHENTICATED),
    WRONG_ADDRESS(FailureKind.NOT_AUTHORIZED),
    NOT_AUTHORIZED(FailureKind.NOT_AUTHORIZED),
    UNKNOWN_SERIAL(FailureKind.NOT_FOUND),
    ALREADY_REVOKED(FailureKind.CONFLICT),
    KEY_ARCHIVAL_REQUIRED(FailureKind.POLICY_VIOLATION),
    NOTHING_ARCHIVED(FailureKind.NOT_FOUND),
    /** The to-be-signed certificate broke a rule of its profile: nothing was issued. */
    LINT_FAILED(FailureKind.POLICY_VIOLATION),
    STORE(FailureKind.STORAGE);

    private final FailureKind kind;

    Reason(FailureKind kind) {
      this.kind = kind;
    }
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

  @Override
  public FailureKind kind() {
    return reason.kind;
  }
}
