package dev.signet.directory;

import dev.signet.core.Certificates;
import dev.signet.core.ContentCipher;
import dev.signet.core.ReadOptions;
import dev.signet.core.SignerReport;
import dev.signet.core.Smime;
import dev.signet.core.SmimeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the directory holds for an address that can be used now: certificates valid at that time,
 * for email protection, that carry the address (local part exactly, domain in any case); and the
 * S/MIME capabilities of the one of them that signed the published userSMIMECertificate.
 *
 * @param capabilities the ciphers the person reads, strongest preference first; empty when unknown
 */
public record Lookup(String address, List<X509Certificate> certificates, List<ContentCipher> capabilities) {
  private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
  private static final String ANY_PURPOSE = "2.5.29.37.0";

  public Lookup {
    Objects.requireNonNull(address, "address");
    certificates = List.copyOf(certificates);
    capabilities = List.copyOf(capabilities);
  }

  public boolean found() {
    return !certificates.isEmpty();
  }

  /**
   * The certificate to encrypt to: an ML-KEM one first (post-quantum protection for whoever can
   * receive it), else the first whose key may encrypt (key encipherment or key agreement, or no key usage).
   */
  public Optional<X509Certificate> encryptionCertificate() {
    return Certificates.forEncryption(certificates);
  }

  static Lookup of(String address, List<Listing> listings, Instant now) {
    List<X509Certificate> published = new ArrayList<>();
    List<SignerReport> announcements = new ArrayList<>();
    for (Listing listing : listings) {
      listing.certificates().forEach(c -> addOnce(published, c));
      listing.signedCertificates().flatMap(blob -> announcement(blob, now)).ifPresent(s -> {
        announcements.add(s);
        s.certificate().ifPresent(c -> addOnce(published, c));
      });
    }
    List<X509Certificate> usable = published.stream().filter(c -> usable(c, address, now)).toList();
    List<ContentCipher> capabilities = announcements.stream()
        .filter(s -> s.certificate().filter(usable::contains).isPresent())
        .map(SignerReport::capabilities).filter(c -> !c.isEmpty()).findFirst().orElse(List.of());
    return new Lookup(address, usable, capabilities);
  }

  /** The signer of a userSMIMECertificate value, read by the engine; only a signature that holds counts. */
  private static Optional<SignerReport> announcement(byte[] blob, Instant now) {
    try {
      var report = Smime.withDefaults().withClock(Clock.fixed(now, ZoneOffset.UTC))
          .read(new ByteArrayInputStream(blob), ReadOptions.verify(List.of()), OutputStream.nullOutputStream());
      return report.signers().stream()
          .filter(s -> s.signatureValid() && s.role() == SignerReport.Role.CONTENT).findFirst();
    } catch (SmimeException | IOException e) {
      return Optional.empty(); // an unreadable value announces nothing; the certificates still count
    }
  }

  static boolean usable(X509Certificate cert, String address, Instant now) {
    try {
      cert.checkValidity(Date.from(now));
      List<String> purposes = cert.getExtendedKeyUsage();
      boolean forEmail = purposes == null || purposes.contains(EMAIL_PROTECTION) || purposes.contains(ANY_PURPOSE);
      return forEmail && Certificates.carries(cert, address);
    } catch (CertificateException e) {
      return false; // expired, not yet valid, or an unreadable extended key usage
    }
  }

  /** Certificates are equal when their encodings are: each is listed once. */
  private static void addOnce(List<X509Certificate> list, X509Certificate cert) {
    if (!list.contains(cert)) {
      list.add(cert);
    }
  }
}
