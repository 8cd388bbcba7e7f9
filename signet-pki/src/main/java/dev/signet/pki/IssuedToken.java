package dev.signet.pki;

import java.time.Instant;
import java.util.Optional;

/**
 * An enrollment token as the CA keeps it, for an administrator to list: never its secret.
 *
 * @param id the SHA-256 of the secret in hex, which names the token without revealing it
 * @param signingUsed when a signing key was enrolled with it
 * @param encryptionUsed when an encryption key was enrolled with it
 */
public record IssuedToken(String id, String email, Instant created, Instant expires, Optional<Instant> signingUsed,
    Optional<Instant> encryptionUsed, Optional<Instant> revoked) {

  /** Where a token stands. */
  public enum State {
    OPEN,
    USED,
    EXPIRED,
    REVOKED
  }

  /** Revoked, else expired, else used (a key was enrolled with it), else open. */
  public State state(Instant now) {
    if (revoked.isPresent()) {
      return State.REVOKED;
    }
    if (!now.isBefore(expires)) {
      return State.EXPIRED;
    }
    return signingUsed.isPresent() || encryptionUsed.isPresent() ? State.USED : State.OPEN;
  }

  /**
   * Whether revoking still stops something: neither revoked nor expired, and a key slot left (a token
   * used for a signing key may still enroll an encryption key, and the other way round).
   */
  public boolean revocable(Instant now) {
    State s = state(now);
    return (s == State.OPEN || s == State.USED) && (signingUsed.isEmpty() || encryptionUsed.isEmpty());
  }
}
