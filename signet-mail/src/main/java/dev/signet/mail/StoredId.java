package dev.signet.mail;

import dev.signet.core.CertificatePurpose;
import dev.signet.core.Certificates;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A digital ID held in the store, described by its certificate (the private key stays in its file).
 *
 * @param exportable whether {@code id export} may write its private key out; fixed when the ID is added
 */
public record StoredId(String name, X509Certificate certificate, boolean exportable) {
  public List<String> emails() {
    return Certificates.emails(certificate);
  }

  public String email() {
    return emails().isEmpty() ? "" : emails().get(0);
  }

  public boolean isFor(String address) {
    return emails().stream().anyMatch(e -> e.equalsIgnoreCase(address));
  }

  public CertificatePurpose purpose() {
    return CertificatePurpose.of(certificate);
  }

  public String issuer() {
    return Certificates.issuer(certificate);
  }

  public Instant expiry() {
    return certificate.getNotAfter().toInstant();
  }

  public boolean expiredAt(Instant now) {
    return now.isAfter(expiry());
  }

  /** Usable for new mail at {@code now}: inside its validity period. */
  public boolean currentAt(Instant now) {
    return !expiredAt(now) && !now.isBefore(certificate.getNotBefore().toInstant());
  }
}
