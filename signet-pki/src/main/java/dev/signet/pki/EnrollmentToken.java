package dev.signet.pki;

import java.time.Instant;

/**
 * A one-time enrollment token as handed to its person. The CA keeps only its hash; {@code secret}
 * exists only in this value, so it is never shown by {@code toString}.
 */
public record EnrollmentToken(String secret, String email, Instant expires) {
  @Override
  public String toString() {
    return "EnrollmentToken[" + email + ", expires " + expires + "]";
  }
}
