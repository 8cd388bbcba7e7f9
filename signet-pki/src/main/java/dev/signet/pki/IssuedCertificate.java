package dev.signet.pki;

import dev.signet.pki.internal.CertsOnly;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A certificate the CA issued, as its records hold it. {@code serial} is lower-case hex. */
public record IssuedCertificate(
    String serial,
    String email,
    CertificateProfile profile,
    Instant notBefore,
    Instant notAfter,
    Optional<Revocation> revocation,
    X509Certificate certificate) {

  /** When and why it was revoked. */
  public record Revocation(Instant at, RevocationReason reason) {}

  public IssuedCertificate {
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(revocation, "revocation");
    Objects.requireNonNull(certificate, "certificate");
  }

  /** The certificate as a certs-only CMS SignedData (DER), as EST returns it. */
  public byte[] certsOnly() {
    return CertsOnly.of(List.of(certificate));
  }

  public boolean isRevoked() {
    return revocation.isPresent();
  }
}
