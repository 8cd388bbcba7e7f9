package dev.signet.server.web;

import dev.signet.directory.Directory;
import dev.signet.mail.RecipientLookup;
import dev.signet.mail.RecipientSource;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.IssuedCertificate;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The organisation's places for compose's recipient lookup ({@link RecipientLookup} decides): the
 * CA's records, which vouch for what the CA issued and know what it revoked, then the directory,
 * whose certificates must chain to a root the organisation trusts ({@link MailReader#anchors()}); revocation
 * is fetched as the reader fetches it.
 */
final class Recipients {
  private static final Logger LOG = LoggerFactory.getLogger(Recipients.class);
  private final CertificateAuthority ca;
  private final Supplier<Optional<Directory>> directory;
  private final MailReader trust;

  Recipients(CertificateAuthority ca, Supplier<Optional<Directory>> directory, MailReader trust) {
    this.ca = ca;
    this.directory = directory;
    this.trust = trust;
  }

  /** The lookup for one compose: the directory is asked for as the compose begins. */
  RecipientLookup lookup() {
    Optional<Directory> gal = gal();
    List<RecipientSource> sources = new ArrayList<>();
    sources.add(new CaRecords(gal));
    gal.map(RecipientLookup::directory).ifPresent(sources::add);
    return new RecipientLookup(sources, new RecipientLookup.Trust(trust.anchors(), trust.intermediates(),
        trust::issuedHere, trust.fetching()));
  }

  private Optional<Directory> gal() {
    try {
      return directory.get();
    } catch (RuntimeException e) { // the directory is down or refuses: compose goes on without it
      LOG.warn("directory unavailable, compose goes on with the CA's certificates: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** The CA's newest valid, unrevoked encryption certificate, with the capabilities the directory announces. */
  private final class CaRecords implements RecipientSource {
    private final Optional<Directory> gal;

    CaRecords(Optional<Directory> gal) {
      this.gal = gal;
    }

    @Override
    public String name() {
      return "the organisation's CA";
    }

    @Override
    public Found find(String address, Instant now) {
      Optional<X509Certificate> issued = ca.certificatesFor(address).stream()
          .filter(c -> !c.isRevoked() && c.profile().encrypts() && now.isBefore(c.notAfter()) && !now.isBefore(c.notBefore()))
          .max(Comparator.comparing(IssuedCertificate::notAfter)).map(IssuedCertificate::certificate);
      return issued.map(c -> new Found(List.of(c), announced(address, now), true)).orElse(Found.nothing());
    }

    private List<dev.signet.core.ContentCipher> announced(String address, Instant now) {
      try {
        return gal.isPresent() ? gal.get().lookup(address, now).capabilities() : List.of();
      } catch (IOException | RuntimeException e) {
        LOG.warn("directory lookup failed, the cipher is chosen without {}'s capabilities: {}", address, e.getMessage());
        return List.of();
      }
    }
  }
}
