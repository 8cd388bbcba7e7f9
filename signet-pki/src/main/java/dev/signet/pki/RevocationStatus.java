package dev.signet.pki;

import dev.signet.pki.internal.AuditTable;
import dev.signet.pki.internal.CaKey;
import dev.signet.pki.internal.CertificateMaker;
import dev.signet.pki.internal.CrlMaker;
import dev.signet.pki.internal.CrlTable;
import dev.signet.pki.internal.OcspResponder;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether the issuing CA's certificates stand: its CRLs (and the root's, of issuing CAs), and OCSP
 * answers signed by it or by its delegated responder.
 */
final class RevocationStatus {
  private static final String OCSP = "ocsp";
  private static final Duration OCSP_RESPONDER_RENEW_BEFORE = Duration.ofDays(10);

  private final UnlockedCa unlocked;
  /** The delegated OCSP responder's key, unsealed once rather than for every request. */
  private final ServiceKey ocspResponder;

  RevocationStatus(UnlockedCa unlocked) {
    this.ocspResponder = new ServiceKey(unlocked, OCSP,
        unlocked.issuing().certificate().getPublicKey().getAlgorithm().equals("EC") ? "ec-p384" : "rsa3072",
        OCSP_RESPONDER_RENEW_BEFORE,
        (key, now) -> new CertificateMaker(unlocked.random()).ocspResponder(key, unlocked.issuing(), now));
    this.unlocked = unlocked;
  }

  byte[] crl(String actor) {
    Instant now = unlocked.clock().instant();
    Instant next = now.plus(unlocked.store().settings().crlLifetime());
    List<IssuedCertificate> revoked = unlocked.store().revoked();
    return unlocked.store().inTransaction(c -> {
      long number = CrlTable.nextCrlNumber(c, CertificateAuthority.ISSUING);
      byte[] der = CrlMaker.crl(unlocked.issuing(), number, now, next, revoked);
      CrlTable.insert(c, CertificateAuthority.ISSUING, number, now, next, der);
      AuditTable.audit(c, now, actor, "crl", "CRL " + number + " with " + revoked.size() + " revoked");
      return der;
    });
  }

  byte[] currentCrl() {
    Instant now = unlocked.clock().instant();
    Optional<CrlTable.StoredCrl> latest = unlocked.store().latestCrl(CertificateAuthority.ISSUING);
    Optional<Instant> lastRevocation = unlocked.store().lastRevocation();
    boolean fresh = latest.isPresent() && now.isBefore(latest.get().thisUpdate()
        .plus(Duration.between(latest.get().thisUpdate(), latest.get().nextUpdate()).dividedBy(2)))
        && lastRevocation.map(r -> r.isBefore(latest.get().thisUpdate())).orElse(true);
    if (fresh) {
      return latest.get().der();
    }
    try {
      return crl("service");
    } catch (CaException e) {
      // Another node signed the same CRL number first (the primary key refused ours): serve theirs.
      return unlocked.store().latestCrl(CertificateAuthority.ISSUING).map(CrlTable.StoredCrl::der).orElseThrow(() -> e);
    }
  }

  byte[] rootCrl() {
    Instant now = unlocked.clock().instant();
    Optional<CrlTable.StoredCrl> latest = unlocked.store().latestCrl(CertificateAuthority.ROOT);
    if (latest.isPresent() && now.isBefore(latest.get().nextUpdate().minus(Duration.ofDays(30)))) {
      return latest.get().der();
    }
    return unlocked.store().inTransaction(c -> {
      long number = CrlTable.nextCrlNumber(c, CertificateAuthority.ROOT);
      Instant next = now.plus(Duration.ofDays(365));
      byte[] der = CrlMaker.crl(unlocked.root(), number, now, next, List.of());
      CrlTable.insert(c, CertificateAuthority.ROOT, number, now, next, der);
      return der;
    });
  }

  byte[] ocsp(byte[] request) {
    CaSettings settings = unlocked.store().settings();
    CaKey signer = settings.ocspSigner() == OcspSigner.DELEGATED ? ocspResponder() : unlocked.issuing();
    return OcspResponder.answer(request, unlocked.issuing().certificate(), signer,
        serial -> unlocked.store().certificate(serial.toString(16)), unlocked.clock().instant(),
        settings.ocspLifetime());
  }

  X509Certificate ocspResponderCertificate() {
    return ocspResponder().certificate();
  }

  private CaKey ocspResponder() {
    return ocspResponder.current();
  }
}
