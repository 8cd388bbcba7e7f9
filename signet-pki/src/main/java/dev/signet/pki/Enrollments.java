package dev.signet.pki;

import dev.signet.core.Smime;
import dev.signet.pki.internal.ArchiveTable;
import dev.signet.pki.internal.AuditTable;
import dev.signet.pki.internal.CertificateMaker;
import dev.signet.pki.internal.CertificateRequest;
import dev.signet.pki.internal.KeyArchive;
import dev.signet.pki.internal.Pem;
import dev.signet.pki.internal.TokenTable;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * EST enrollment (RFC 7030): with a one-time token, with a key the server makes and archives, and
 * re-enrollment by the holder of a valid certificate. Every outcome is audit-logged; a rejection is a
 * value, since the client is shown its reason.
 */
final class Enrollments {
  private final CertificateAuthority ca;
  private final UnlockedCa unlocked;
  private final Issuance issuance;

  Enrollments(CertificateAuthority ca, UnlockedCa unlocked, Issuance issuance) {
    this.ca = ca;
    this.unlocked = unlocked;
    this.issuance = issuance;
  }

  Enrollment enroll(String email, String token, byte[] csr, CertificateProfile profile) {
    if (profile.encrypts() && unlocked.store().recoveryAgent().isPresent()) {
      return reject(email, CaException.Reason.KEY_ARCHIVAL_REQUIRED, "key archival is on: the server makes "
          + "encryption keys (EST serverkeygen; signet id enroll --separate-encryption-key)");
    }
    return issuance.announced(withToken(email, token, csr, profile, (c, address, request) -> {
      IssuedCertificate issued = issuance.issueIn(c, address, profile, request.publicKey(), CertificateMaker.SUBSCRIBER_VALIDITY);
      AuditTable.audit(c, issued.notBefore(), email, "enroll", Issuance.describe(issued) + Issuance.vouching(request));
      return new Enrollment.Issued(issued, issuance.caChain());
    }));
  }

  Enrollment enrollServerKey(String email, String token, byte[] csr) {
    return issuance.announced(withToken(email, token, csr, CertificateProfile.ENCRYPTION, (c, address, request) -> {
      KeyPair keys = CertificateMaker.generate("rsa3072", unlocked.random());
      IssuedCertificate issued = issuance.issueIn(c, address, CertificateProfile.ENCRYPTION, keys.getPublic(),
          CertificateMaker.SUBSCRIBER_VALIDITY);
      Optional<X509Certificate> agent = ArchiveTable.recoveryAgent(c);
      if (agent.isPresent()) {
        ArchiveTable.archive(c, issued.serial(), address, issued.notBefore(),
            KeyArchive.seal(keys.getPrivate(), agent.get(),
                Smime.withDefaults().withClock(unlocked.clock()).withRandom(unlocked.random())));
      }
      AuditTable.audit(c, issued.notBefore(), email, "enroll-server-key", Issuance.describe(issued)
          + (agent.isPresent() ? ", key archived to " + agent.get().getSubjectX500Principal().getName() : ""));
      return new Enrollment.KeyMade(issued, issuance.caChain(), keys.getPrivate());
    }));
  }

  /** What an enrollment does once its token is accepted, inside the transaction that uses the token up. */
  private interface TokenWork {
    Enrollment run(Connection c, String address, CertificateRequest request) throws SQLException;
  }

  private Enrollment withToken(String email, String token, byte[] csr, CertificateProfile profile, TokenWork work) {
    Instant now = unlocked.clock().instant();
    CertificateRequest request;
    try {
      request = issuance.request(csr);
    } catch (CaException e) {
      return reject(email, e.reason(), e.getMessage());
    }
    byte[] hash = CertificateAuthority.tokenHash(token);
    return refusedByLint(() -> issuance.issuing(c -> {
      Optional<TokenTable.TokenRecord> record = TokenTable.tokenForUpdate(c, hash);
      Optional<Enrollment.Rejected> refusal = refusal(record, email, request, profile, now);
      if (refusal.isPresent()) {
        AuditTable.audit(c, now, email, "enroll-rejected", refusal.get().statusText());
        return refusal.get();
      }
      if (!TokenTable.useToken(c, hash, profile, now)) {
        throw new CaException(CaException.Reason.TOKEN_USED, "the token was used by a request at the same time");
      }
      return work.run(c, record.get().email(), request);
    }));
  }

  /** An enrollment the lint refused is answered as a rejection, its token left unused. */
  private static Enrollment refusedByLint(Supplier<Enrollment> enrollment) {
    try {
      return enrollment.get();
    } catch (CaException e) {
      if (e.reason() != CaException.Reason.LINT_FAILED) {
        throw e;
      }
      return new Enrollment.Rejected(e.reason(), e.getMessage());
    }
  }

  private static Optional<Enrollment.Rejected> refusal(Optional<TokenTable.TokenRecord> record, String email,
      CertificateRequest request, CertificateProfile profile, Instant now) {
    if (record.isEmpty() || !record.get().email().equalsIgnoreCase(email.strip())) {
      return Optional.of(new Enrollment.Rejected(CaException.Reason.TOKEN_UNKNOWN, "no such token for " + email));
    }
    TokenTable.TokenRecord token = record.get();
    if (token.revoked().isPresent()) { // revoking ends a token's life early
      return Optional.of(new Enrollment.Rejected(CaException.Reason.TOKEN_EXPIRED,
          "the token was revoked at " + token.revoked().get()));
    }
    if (!now.isBefore(token.expires())) {
      return Optional.of(new Enrollment.Rejected(CaException.Reason.TOKEN_EXPIRED, "the token expired at " + token.expires()));
    }
    boolean used = (profile.signs() && token.signingUsed().isPresent())
        || (profile.encrypts() && token.encryptionUsed().isPresent());
    if (used) {
      return Optional.of(new Enrollment.Rejected(CaException.Reason.TOKEN_USED,
          "the token was already used for a " + (profile.signs() ? "signing" : "encryption") + " key"));
    }
    if (!request.emails().equals(List.of(token.email()))) {
      return Optional.of(new Enrollment.Rejected(CaException.Reason.WRONG_ADDRESS,
          "the token is for " + token.email() + " but the request names " + request.emails()));
    }
    return Optional.empty();
  }

  private Enrollment.Rejected reject(String email, CaException.Reason reason, String message) {
    Enrollment.Rejected rejected = new Enrollment.Rejected(reason, message);
    unlocked.store().inTransaction(c -> {
      AuditTable.audit(c, unlocked.clock().instant(), email, "enroll-rejected", rejected.statusText());
      return null;
    });
    return rejected;
  }

  Enrollment reenroll(X509Certificate current, byte[] csr) {
    Instant now = unlocked.clock().instant();
    String serial = current.getSerialNumber().toString(16);
    Optional<IssuedCertificate> record = ca.find(serial)
        .filter(r -> Arrays.equals(Pem.encoded(r.certificate()), Pem.encoded(current)));
    if (record.isEmpty() || record.get().isRevoked() || !now.isBefore(record.get().notAfter())) {
      return reject("serial " + serial, CaException.Reason.NOT_AUTHORIZED,
          "the client certificate is not a valid, unrevoked certificate of this CA");
    }
    IssuedCertificate old = record.get();
    CertificateRequest request;
    try {
      request = issuance.request(csr);
    } catch (CaException e) {
      return reject(old.email(), e.reason(), e.getMessage());
    }
    if (!request.emails().equals(List.of(old.email()))) {
      return reject(old.email(), CaException.Reason.WRONG_ADDRESS,
          "the current certificate is for " + old.email() + " but the request names " + request.emails());
    }
    return issuance.announced(refusedByLint(() -> issuance.issuing(c -> {
      IssuedCertificate issued = issuance.issueIn(c, old.email(), old.profile(), request.publicKey(),
          CertificateMaker.SUBSCRIBER_VALIDITY);
      AuditTable.audit(c, now, old.email(), "reenroll", Issuance.describe(issued) + ", replacing " + old.serial());
      return new Enrollment.Issued(issued, issuance.caChain());
    })));
  }
}
