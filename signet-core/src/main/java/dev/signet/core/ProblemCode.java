package dev.signet.core;

import java.util.Locale;
import java.util.Optional;

/**
 * Every problem Signet can find in a message, with its level and default severity: the one table
 * that decides how much each matters before policy adjusts it.
 *
 * <p>Level 1: the signature itself fails. Level 2: it verifies but something around it is wrong.
 */
public enum ProblemCode {
  BAD_SIGNATURE(1, Severity.ERROR),
  NOT_SIGNED(null, Severity.WARNING),
  PARTIALLY_SIGNED(null, Severity.ERROR),
  FROM_MISMATCH(2, Severity.WARNING),
  /** The signing time lies further from the message's Date than SigningTimeSkew allows. */
  DATE_MISMATCH(2, Severity.WARNING),
  UNTRUSTED_ROOT(2, Severity.WARNING),
  ISSUER_MISSING(2, Severity.ERROR),
  CERT_EXPIRED(2, Severity.ERROR),
  CERT_NOT_YET_VALID(2, Severity.ERROR),
  CERT_REVOKED(2, Severity.ERROR),
  NO_CRL(2, Severity.INFO),
  CRL_EXPIRED(2, Severity.ERROR),
  /** Not a fault: says how revocation was checked and at what time it was judged. */
  REVOCATION_CHECKED(null, Severity.INFO),
  WRONG_KEY_USAGE(2, Severity.ERROR),
  WEAK_ALGORITHM(1, Severity.ERROR),
  LEGACY_ALGORITHM(null, Severity.WARNING),
  UNSUPPORTED_ALGORITHM(1, Severity.ERROR),
  WEAK_ENCRYPTION(null, Severity.ERROR),
  UNAUTHENTICATED_ENCRYPTION(null, Severity.WARNING),
  PARTIALLY_ENCRYPTED(null, Severity.ERROR),
  NO_DECRYPTION_KEY(null, Severity.ERROR),
  NO_SIGNERS(1, Severity.ERROR),
  SIGNER_CERT_MISSING(1, Severity.ERROR),
  INVALID_PATH(2, Severity.ERROR),
  NO_FROM_ADDRESS(null, Severity.INFO),
  /**
   * The From, To or Subject outside is not what the protected header fields (RFC 9788) say it should
   * be: changed on the way, or put around someone else's protected message. The protected value is shown.
   */
  PROTECTED_HEADER_MISMATCH(null, Severity.WARNING),
  MALFORMED(1, Severity.ERROR),
  /** A signed receipt that does not answer the message it claims to (RFC 2634 section 2.8). */
  RECEIPT_MISMATCH(1, Severity.ERROR),
  POLICY_VIOLATION(null, Severity.ERROR),
  /**
   * A clear signature that also carries the content it signs, the same as the displayed part
   * (pyca/cryptography writes these): verified against the displayed part, as OpenSSL does, and noted.
   */
  EMBEDDED_CONTENT(null, Severity.INFO);

  private final Integer level;
  private final Severity severity;

  ProblemCode(Integer level, Severity severity) {
    this.level = level;
    this.severity = severity;
  }

  /** 1 or 2 for problems about a signature, empty for the others. */
  public Optional<Integer> level() {
    return Optional.ofNullable(level);
  }

  /** The severity before policy adjusts it. */
  public Severity defaultSeverity() {
    return severity;
  }

  /** Stable lower-case id for logs and docs. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
