package dev.signet.pki;

import dev.signet.pki.internal.AuditTable;
import dev.signet.pki.internal.CaUrls;
import dev.signet.pki.internal.CertificateMaker;
import dev.signet.pki.internal.CertificateRequest;
import dev.signet.pki.internal.CertificateTable;
import dev.signet.pki.internal.ConfigTable;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.security.auth.x500.X500Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the issuing CA's subscriber certificates and records them: reads requests (a key that cannot
 * sign vouched for by a signing certificate of this CA, RFC 9883), issues inside the caller's
 * transaction, audits what the pre-issuance lint refuses, and tells the listeners once an issuance
 * has committed.
 */
final class Issuance {
  private static final Logger LOG = LoggerFactory.getLogger(Issuance.class);

  private final CertificateAuthority ca;
  private final UnlockedCa unlocked;
  private final CaUrls urls;
  private final List<Consumer<IssuedCertificate>> listeners = new CopyOnWriteArrayList<>();

  Issuance(CertificateAuthority ca, UnlockedCa unlocked, CaUrls urls) {
    this.ca = ca;
    this.unlocked = unlocked;
    this.urls = urls;
  }

  void onIssued(Consumer<IssuedCertificate> listener) {
    listeners.add(listener);
  }

  <T> T announced(T result) {
    IssuedCertificate issued = result instanceof IssuedCertificate i ? i
        : result instanceof Enrollment.Issued e ? e.issued()
        : result instanceof Enrollment.KeyMade k ? k.issued() : null;
    if (issued != null) {
      for (Consumer<IssuedCertificate> l : listeners) {
        try {
          l.accept(issued);
        } catch (RuntimeException e) {
          LOG.warn("after issuing {}: {}", issued.serial(), e.getMessage());
        }
      }
    }
    return result;
  }

  /** The issuing CA's certificate, then the root's. */
  List<X509Certificate> caChain() {
    return List.of(unlocked.issuing().certificate(), unlocked.root().certificate());
  }

  /** A certificate request (PKCS#10, PEM or DER), its key's vouching certificate looked up among this CA's. */
  CertificateRequest request(byte[] csr) {
    return CertificateRequest.parse(csr, this::signingCertificate);
  }

  /**
   * A transaction that issues. A certificate the pre-issuance lint refuses rolls it back; the refusal
   * is then audited in a transaction of its own, once the first has given its connection back (two held
   * at once by each of several enrollments would empty the pool).
   */
  <T> T issuing(CaDatabase.Work<T> work) {
    try {
      return unlocked.store().inTransaction(work);
    } catch (CaException e) {
      if (e.reason() == CaException.Reason.LINT_FAILED) {
        unlocked.store().inTransaction(c -> {
          AuditTable.audit(c, unlocked.clock().instant(), "pre-issuance lint", "issue-refused", e.getMessage());
          return null;
        });
      }
      throw e;
    }
  }

  IssuedCertificate issueIn(Connection c, String email, CertificateProfile profile, PublicKey key, Duration validity)
      throws SQLException {
    X509Certificate cert = new CertificateMaker(unlocked.random()).subscriber(email, profile,
        ConfigTable.settings(c).generation(), key, unlocked.issuing(), urls, unlocked.clock().instant(), validity);
    CertificateTable.insert(c, email, profile, cert);
    return new IssuedCertificate(cert.getSerialNumber().toString(16), email, profile, cert.getNotBefore().toInstant(),
        cert.getNotAfter().toInstant(), Optional.empty(), cert);
  }

  /**
   * RFC 9883: the certificate whose key may sign the request of a key that cannot sign: one of this
   * issuing CA's, valid now, unrevoked and for signing.
   */
  private Optional<X509Certificate> signingCertificate(X500Principal issuerName, BigInteger serial) {
    if (!issuerName.equals(unlocked.issuing().certificate().getSubjectX500Principal())) {
      return Optional.empty();
    }
    Instant now = unlocked.clock().instant();
    return ca.find(serial.toString(16))
        .filter(r -> !r.isRevoked() && r.profile().signs() && !now.isBefore(r.notBefore()) && now.isBefore(r.notAfter()))
        .map(IssuedCertificate::certificate);
  }

  static String vouching(CertificateRequest request) {
    return request.signedWith().map(c -> ", the key vouched for by signing certificate "
        + c.getSerialNumber().toString(16)).orElse("");
  }

  static String describe(IssuedCertificate issued) {
    return issued.profile().cliName() + " certificate " + issued.serial() + " for " + issued.email() + ", until "
        + issued.notAfter();
  }
}
