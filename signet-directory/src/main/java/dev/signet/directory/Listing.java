package dev.signet.directory;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * One directory entry as published.
 *
 * @param certificates the values of the certificate attribute (userCertificate;binary)
 * @param signedCertificates the userSMIMECertificate value (a signed SignedData), if any
 */
public record Listing(String dn, List<X509Certificate> certificates, Optional<byte[]> signedCertificates) {
  public Listing {
    certificates = List.copyOf(certificates);
    signedCertificates = signedCertificates.map(byte[]::clone);
  }
}
