package dev.signet.core.internal;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;

/** How certificates link into chains: by name, and by a signature that verifies. */
final class CertificateLinks {
  private CertificateLinks() {}

  static Optional<X509Certificate> issuerAmong(X509Certificate cert, Collection<X509Certificate> candidates) {
    return candidates.stream()
        .filter(c -> c.getSubjectX500Principal().equals(cert.getIssuerX500Principal()) && signedBy(cert, c))
        .findFirst();
  }

  static boolean signedBy(X509Certificate cert, X509Certificate issuer) {
    try {
      cert.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  static boolean isSelfSigned(X509Certificate cert) {
    return cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal()) && signedBy(cert, cert);
  }
}
