package dev.signet.server.web;

import dev.signet.core.ComposeRequest;
import dev.signet.core.PathSettings;
import dev.signet.core.PathValidation;
import dev.signet.directory.Directory;
import dev.signet.directory.Lookup;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.IssuedCertificate;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where compose finds each recipient's encryption certificate, as a mail client with a GAL does: the
 * CA's newest valid, unrevoked one; else the directory's, when it chains to a root the organisation
 * trusts ({@link MailReader#anchors()}). Either way the S/MIME capabilities the directory announces
 * choose the cipher. A directory that fails counts as one that knows nobody.
 */
final class Recipients {
  private static final Logger LOG = LoggerFactory.getLogger(Recipients.class);
  private static final PathSettings FOR_EMAIL = PathSettings.defaults()
      .withRequiredExtendedKeyUsages(Set.of(PathSettings.EMAIL_PROTECTION));
  private final CertificateAuthority ca;
  private final Supplier<Optional<Directory>> directory;
  private final MailReader trust;

  Recipients(CertificateAuthority ca, Supplier<Optional<Directory>> directory, MailReader trust) {
    this.ca = ca;
    this.directory = directory;
    this.trust = trust;
  }

  ComposeRequest.Recipient of(String address, Instant now) {
    Lookup listed = lookup(address, now);
    Optional<X509Certificate> cert = issued(address, now).or(() -> trusted(listed, now).encryptionCertificate());
    return new ComposeRequest.Recipient(address, cert, Set.copyOf(listed.capabilities()));
  }

  /** The organisation's newest valid, unrevoked encryption certificate for the address, if it issued one. */
  private Optional<X509Certificate> issued(String address, Instant now) {
    return ca.certificatesFor(address).stream()
        .filter(c -> !c.isRevoked() && c.profile().encrypts() && now.isBefore(c.notAfter()) && !now.isBefore(c.notBefore()))
        .max(Comparator.comparing(IssuedCertificate::notAfter)).map(IssuedCertificate::certificate);
  }

  private Lookup lookup(String address, Instant now) {
    try {
      Optional<Directory> gal = directory.get();
      return gal.isPresent() ? gal.get().lookup(address, now) : new Lookup(address, List.of(), List.of());
    } catch (IOException | RuntimeException e) { // the directory is down or refuses: compose goes on without it
      LOG.warn("directory lookup failed, compose goes on with the CA's certificates: {}: {}",
          e.getClass().getSimpleName(), e.getMessage());
      return new Lookup(address, List.of(), List.of());
    }
  }

  /**
   * The listed certificates that chain to a trusted root. Those the organisation's CA issued are left
   * to its records, which know what it revoked.
   */
  private Lookup trusted(Lookup listed, Instant now) {
    List<X509Certificate> chained = listed.certificates().stream().filter(c -> !trust.issuedHere(c))
        .filter(c -> PathValidation.validate(c, trust.intermediates(), trust.anchors(), List.of(), now, FOR_EMAIL).valid())
        .toList();
    return new Lookup(listed.address(), chained, listed.capabilities());
  }
}
