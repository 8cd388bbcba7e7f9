package dev.signet.core;

import dev.signet.core.SignerReport.Revocation;
import java.util.List;
import java.util.Objects;

/**
 * A certificate judged as a signer's is when a message is read: whether its path to a trust anchor
 * holds, and whether it was revoked.
 *
 * @param problems why it is not trusted, and what could not be learned about its revocation
 */
public record CertificateStatus(boolean trusted, Revocation revocation, List<Problem> problems) {
  public CertificateStatus {
    Objects.requireNonNull(revocation, "revocation");
    problems = List.copyOf(problems);
  }

  public boolean revoked() {
    return revocation == Revocation.REVOKED;
  }
}
