package dev.signet.pki;

import dev.signet.core.DigitalId;
import dev.signet.core.SignOptions;
import dev.signet.core.Smime;
import dev.signet.pki.internal.AuditTable;
import dev.signet.pki.internal.CaKey;
import dev.signet.pki.internal.CaUrls;
import dev.signet.pki.internal.CertificateMaker;
import dev.signet.pki.internal.CertificateRequest;
import dev.signet.pki.internal.Mailbox;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The CA with its keys open: issues certificates (by an administrator, or by enrollment with a
 * token), signs CRLs, OCSP answers and status messages. Reached through
 * {@link CertificateAuthority#unlock}.
 */
public final class Issuer {
  /** How long a person's certificate is valid when nothing else is asked for. */
  public static final Duration SUBSCRIBER_VALIDITY = CertificateMaker.SUBSCRIBER_VALIDITY;
  private static final String TLS = "tls";
  private static final Duration TLS_RENEW_BEFORE = Duration.ofDays(30);

  private final UnlockedCa unlocked;
  private final Issuance issuance;
  private final Enrollments enrollments;
  private final RevocationStatus revocation;

  Issuer(CertificateAuthority ca, UnlockedCa unlocked, CaUrls urls) {
    this.unlocked = unlocked;
    this.issuance = new Issuance(ca, unlocked, urls);
    this.enrollments = new Enrollments(ca, unlocked, issuance);
    this.revocation = new RevocationStatus(unlocked);
  }

  /**
   * Calls {@code listener} with every certificate this issuer issues from now on, once its
   * transaction has committed (the service publishes them in the directory). A listener's failure
   * does not undo the issuance.
   */
  public void onIssued(Consumer<IssuedCertificate> listener) {
    issuance.onIssued(listener);
  }

  /** The issuing CA's certificate, then the root's. */
  public List<X509Certificate> caChain() {
    return issuance.caChain();
  }

  /** An administrator issues a certificate for the one mailbox a request names (PKCS#10, PEM or DER). */
  public IssuedCertificate issue(byte[] csr, CertificateProfile profile, Duration validity, String actor) {
    CertificateRequest request = issuance.request(csr);
    String email = request.mailbox();
    return issuance.announced(issuance.issuing(c -> {
      IssuedCertificate issued = issuance.issueIn(c, email, profile, request.publicKey(), validity);
      AuditTable.audit(c, issued.notBefore(), actor, "issue", Issuance.describe(issued) + Issuance.vouching(request));
      return issued;
    }));
  }

  /**
   * Issues a dual-use certificate to an ACME account whose order proved control of {@code email}
   * (RFC 8823); the request must name that mailbox and no other.
   */
  public IssuedCertificate issueForAcme(String email, byte[] csr, String accountId) {
    CertificateRequest request = issuance.request(csr);
    if (!request.emails().equals(List.of(Mailbox.normalize(email)))) {
      throw new CaException(CaException.Reason.WRONG_ADDRESS, "the order is for " + email + " but the request names "
          + request.emails());
    }
    return issuance.announced(issuance.issuing(c -> {
      IssuedCertificate issued = issuance.issueIn(c, request.mailbox(), CertificateProfile.DUAL_USE, request.publicKey(),
          CertificateMaker.SUBSCRIBER_VALIDITY);
      AuditTable.audit(c, issued.notBefore(), "acme account " + accountId, "acme-issue", Issuance.describe(issued));
      return issued;
    }));
  }

  /**
   * A person enrolls with their one-time token (EST simpleenroll). Every outcome is audit-logged;
   * a rejection is a value, not an exception, because the client is shown its reason. With key
   * archival on, encryption keys come from {@link #enrollServerKey} instead.
   */
  public Enrollment enroll(String email, String token, byte[] csr, CertificateProfile profile) {
    return enrollments.enroll(email, token, csr, profile);
  }

  /**
   * EST serverkeygen for an encryption key: the server makes the key, issues its certificate and,
   * with archival on, archives the key sealed to the recovery agent, all in one transaction.
   * {@code csr} names the mailbox; its own key is not used.
   */
  public Enrollment enrollServerKey(String email, String token, byte[] csr) {
    return enrollments.enrollServerKey(email, token, csr);
  }

  /**
   * Re-enrollment (EST simplereenroll): the holder of a valid certificate from this CA, proven by
   * TLS, gets a new one for the same mailbox and profile.
   */
  public Enrollment reenroll(X509Certificate current, byte[] csr) {
    return enrollments.reenroll(current, csr);
  }

  /** Signs a new CRL of the issuing CA, listing every revoked certificate (DER), valid for the CRL lifetime setting. */
  public byte[] crl(String actor) {
    return revocation.crl(actor);
  }

  /** The CRL to serve at the distribution point: the stored one for half its lifetime, else a new one. */
  public byte[] currentCrl() {
    return revocation.currentCrl();
  }

  /** The root's CRL (of issuing CAs), signed at init, renewed here once it nears its next update. */
  public byte[] rootCrl() {
    return revocation.rootCrl();
  }

  /**
   * Answers an RFC 6960 OCSP request (DER), signed by the issuing CA or its delegated responder
   * and valid for the OCSP lifetime, as the settings say.
   */
  public byte[] ocsp(byte[] request) {
    return revocation.ocsp(request);
  }

  /** The delegated OCSP responder's certificate (issued on first use, renewed before it expires). */
  public X509Certificate ocspResponderCertificate() {
    return revocation.ocspResponderCertificate();
  }

  /** A short status message as S/MIME clear-signed by the issuing CA, for a client to verify and show. */
  public byte[] statusMessage(String subject, String text) {
    String message = "Subject: " + subject.replaceAll("[\r\n]", " ") + "\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + text.replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Smime.withDefaults().withClock(unlocked.clock()).withRandom(unlocked.random()).sign(
          new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)),
          SignOptions.defaults(DigitalId.of(unlocked.issuing().privateKey(), caChain())), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * The service's TLS identity for {@code hostNames}, issued by the root on first use, kept sealed
   * in the database (so several service nodes share it), renewed when it nears expiry.
   */
  public DigitalId serviceIdentity(List<String> hostNames) {
    ServiceKey tls = new ServiceKey(unlocked, TLS, "ec-p384", TLS_RENEW_BEFORE,
        (key, now) -> new CertificateMaker(unlocked.random()).tls(hostNames, key, unlocked.root(), now));
    CaKey key = tls.current();
    return DigitalId.of(key.privateKey(), List.of(key.certificate(), unlocked.root().certificate()));
  }
}
