package dev.signet.directory;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What a person puts in the directory.
 *
 * @param name the display name (cn) for an entry that is created
 * @param certificates the current signing and encryption certificates
 * @param signedCertificates the userSMIMECertificate value: a SignedData signed by the person that carries
 *     the certificates and their S/MIME capabilities ({@code Smime.signedCertificates}); empty when the publisher
 *     holds no key to sign it (the CA publishing what it issued), which leaves an existing value in place
 */
public record Publication(String address, String name, List<X509Certificate> certificates, byte[] signedCertificates) {
  public Publication {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(name, "name");
    certificates = List.copyOf(certificates);
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("nothing to publish: no certificate");
    }
    signedCertificates = signedCertificates.clone();
  }
}
