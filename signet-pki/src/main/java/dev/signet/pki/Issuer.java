package dev.signet.pki;

import dev.signet.core.DigitalId;
import dev.signet.core.SignOptions;
import dev.signet.core.Smime;
import dev.signet.pki.internal.ArchiveTable;
import dev.signet.pki.internal.AuditTable;
import dev.signet.pki.internal.CaKey;
import dev.signet.pki.internal.CaStore;
import dev.signet.pki.internal.CaUrls;
import dev.signet.pki.internal.CertificateMaker;
import dev.signet.pki.internal.CertificateRequest;
import dev.signet.pki.internal.CertificateTable;
import dev.signet.pki.internal.ConfigTable;
import dev.signet.pki.internal.CrlMaker;
import dev.signet.pki.internal.CrlTable;
import dev.signet.pki.internal.KeyArchive;
import dev.signet.pki.internal.KeySeal;
import dev.signet.pki.internal.KeyTable;
import dev.signet.pki.internal.Mailbox;
import dev.signet.pki.internal.OcspResponder;
import dev.signet.pki.internal.Pem;
import dev.signet.pki.internal.TokenTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.security.auth.x500.X500Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CA with its keys open: issues certificates (by an administrator, or by enrollment with a
 * token), signs CRLs, OCSP answers and status messages. Reached through
 * {@link CertificateAuthority#unlock}.
 */
public final class Issuer {
  /** How long a person's certificate is valid when nothing else is asked for. */
  public static final Duration SUBSCRIBER_VALIDITY = CertificateMaker.SUBSCRIBER_VALIDITY;
  private static final Logger LOG = LoggerFactory.getLogger(Issuer.class);
  private static final String TLS = "tls";
  private static final String OCSP = "ocsp";
  private static final Duration TLS_RENEW_BEFORE = Duration.ofDays(30);
  private static final Duration OCSP_RESPONDER_RENEW_BEFORE = Duration.ofDays(10);

  private final CertificateAuthority ca;
  private final CaStore store;
  private final KeySeal seal;
  private final CaKey root;
  private final CaKey issuing;
  private final CaUrls urls;
  private final Clock clock;
  private final SecureRandom random;
  private final List<Consumer<IssuedCertificate>> listeners = new CopyOnWriteArrayList<>();

  Issuer(CertificateAuthority ca, CaStore store, KeySeal seal, CaKey root, CaKey issuing, CaUrls urls, Clock clock,
      SecureRandom random) {
    this.ca = ca;
    this.store = store;
    this.seal = seal;
    this.root = root;
    this.issuing = issuing;
    this.urls = urls;
    this.clock = clock;
    this.random = random;
  }

  /**
   * Calls {@code listener} with every certificate this issuer issues from now on, once its
   * transaction has committed (the service publishes them in the directory). A listener's failure
   * does not undo the issuance.
   */
  public void onIssued(Consumer<IssuedCertificate> listener) {
    listeners.add(listener);
  }

  private <T> T announced(T result) {
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
  public List<X509Certificate> caChain() {
    return List.of(issuing.certificate(), root.certificate());
  }

  /** An administrator issues a certificate for the one mailbox a request names (PKCS#10, PEM or DER). */
  public IssuedCertificate issue(byte[] csr, Profile profile, Duration validity, String actor) {
    CertificateRequest request = CertificateRequest.parse(csr, this::signingCertificate);
    String email = request.mailbox();
    return announced(issuing(c -> {
      IssuedCertificate issued = issueIn(c, email, profile, request.publicKey(), validity);
      AuditTable.audit(c, issued.notBefore(), actor, "issue", describe(issued) + vouching(request));
      return issued;
    }));
  }

  /**
   * Issues a dual-use certificate to an ACME account whose order proved control of {@code email}
   * (RFC 8823); the request must name that mailbox and no other.
   */
  public IssuedCertificate issueForAcme(String email, byte[] csr, String accountId) {
    CertificateRequest request = CertificateRequest.parse(csr, this::signingCertificate);
    if (!request.emails().equals(List.of(Mailbox.normalize(email)))) {
      throw new CaException(CaException.Reason.WRONG_ADDRESS, "the order is for " + email + " but the request names "
          + request.emails());
    }
    return announced(issuing(c -> {
      IssuedCertificate issued = issueIn(c, request.mailbox(), Profile.DUAL_USE, request.publicKey(),
          CertificateMaker.SUBSCRIBER_VALIDITY);
      AuditTable.audit(c, issued.notBefore(), "acme account " + accountId, "acme-issue", describe(issued));
      return issued;
    }));
  }

  /**
   * A person enrolls with their one-time token (EST simpleenroll). Every outcome is audit-logged;
   * a rejection is a value, not an exception, because the client is shown its reason. With key
   * archival on, encryption keys come from {@link #enrollServerKey} instead.
   */
  public Enrollment enroll(String email, String token, byte[] csr, Profile profile) {
    if (profile.encrypts() && store.recoveryAgent().isPresent()) {
      return reject(email, CaException.Reason.KEY_ARCHIVAL_REQUIRED, "key archival is on: the server makes "
          + "encryption keys (EST serverkeygen; signet id enroll --separate-encryption-key)");
    }
    return announced(withToken(email, token, csr, profile, (c, address, request) -> {
      IssuedCertificate issued = issueIn(c, address, profile, request.publicKey(), CertificateMaker.SUBSCRIBER_VALIDITY);
      AuditTable.audit(c, issued.notBefore(), email, "enroll", describe(issued) + vouching(request));
      return new Enrollment.Issued(issued, caChain());
    }));
  }

  /**
   * EST serverkeygen for an encryption key: the server makes the key, issues its certificate and,
   * with archival on, archives the key sealed to the recovery agent, all in one transaction.
   * {@code csr} names the mailbox; its own key is not used.
   */
  public Enrollment enrollServerKey(String email, String token, byte[] csr) {
    return announced(withToken(email, token, csr, Profile.ENCRYPTION, (c, address, request) -> {
      KeyPair keys = CertificateMaker.generate("rsa3072", random);
      IssuedCertificate issued = issueIn(c, address, Profile.ENCRYPTION, keys.getPublic(),
          CertificateMaker.SUBSCRIBER_VALIDITY);
      Optional<X509Certificate> agent = ArchiveTable.recoveryAgent(c);
      if (agent.isPresent()) {
        ArchiveTable.archive(c, issued.serial(), address, issued.notBefore(),
            KeyArchive.seal(keys.getPrivate(), agent.get(), Smime.withDefaults().withClock(clock).withRandom(random)));
      }
      AuditTable.audit(c, issued.notBefore(), email, "enroll-server-key", describe(issued)
          + (agent.isPresent() ? ", key archived to " + agent.get().getSubjectX500Principal().getName() : ""));
      return new Enrollment.KeyMade(issued, caChain(), keys.getPrivate());
    }));
  }

  /** What an enrollment does once its token is accepted, inside the transaction that uses the token up. */
  private interface TokenWork {
    Enrollment run(Connection c, String address, CertificateRequest request) throws SQLException;
  }

  private Enrollment withToken(String email, String token, byte[] csr, Profile profile, TokenWork work) {
    Instant now = clock.instant();
    CertificateRequest request;
    try {
      request = CertificateRequest.parse(csr, this::signingCertificate);
    } catch (CaException e) {
      return reject(email, e.reason(), e.getMessage());
    }
    byte[] hash = CertificateAuthority.tokenHash(token);
    return refusedByLint(() -> issuing(c -> {
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

  /**
   * A transaction that issues. A certificate the pre-issuance lint refuses rolls it back; the refusal
   * is then audited in a transaction of its own, once the first has given its connection back (two held
   * at once by each of several enrollments would empty the pool).
   */
  private <T> T issuing(CaStore.Work<T> work) {
    try {
      return store.inTransaction(work);
    } catch (CaException e) {
      if (e.reason() == CaException.Reason.LINT_FAILED) {
        store.inTransaction(c -> {
          AuditTable.audit(c, clock.instant(), "pre-issuance lint", "issue-refused", e.getMessage());
          return null;
        });
      }
      throw e;
    }
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
      CertificateRequest request, Profile profile, Instant now) {
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
    store.inTransaction(c -> {
      AuditTable.audit(c, clock.instant(), email, "enroll-rejected", rejected.statusText());
      return null;
    });
    return rejected;
  }

  /**
   * Re-enrollment (EST simplereenroll): the holder of a valid certificate from this CA, proven by
   * TLS, gets a new one for the same mailbox and profile.
   */
  public Enrollment reenroll(X509Certificate current, byte[] csr) {
    Instant now = clock.instant();
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
      request = CertificateRequest.parse(csr, this::signingCertificate);
    } catch (CaException e) {
      return reject(old.email(), e.reason(), e.getMessage());
    }
    if (!request.emails().equals(List.of(old.email()))) {
      return reject(old.email(), CaException.Reason.WRONG_ADDRESS,
          "the current certificate is for " + old.email() + " but the request names " + request.emails());
    }
    return announced(refusedByLint(() -> issuing(c -> {
      IssuedCertificate issued = issueIn(c, old.email(), old.profile(), request.publicKey(),
          CertificateMaker.SUBSCRIBER_VALIDITY);
      AuditTable.audit(c, now, old.email(), "reenroll", describe(issued) + ", replacing " + old.serial());
      return new Enrollment.Issued(issued, caChain());
    })));
  }

  private IssuedCertificate issueIn(Connection c, String email, Profile profile, PublicKey key, Duration validity)
      throws SQLException {
    X509Certificate cert = new CertificateMaker(random).subscriber(email, profile, ConfigTable.settings(c).generation(), key,
        issuing, urls, clock.instant(), validity);
    CertificateTable.insert(c, email, profile, cert);
    return new IssuedCertificate(cert.getSerialNumber().toString(16), email, profile, cert.getNotBefore().toInstant(),
        cert.getNotAfter().toInstant(), Optional.empty(), cert);
  }

  /**
   * RFC 9883: the certificate whose key may sign the request of a key that cannot sign: one of this
   * issuing CA's, valid now, unrevoked and for signing.
   */
  private Optional<X509Certificate> signingCertificate(X500Principal issuerName, BigInteger serial) {
    if (!issuerName.equals(issuing.certificate().getSubjectX500Principal())) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return ca.find(serial.toString(16))
        .filter(r -> !r.isRevoked() && r.profile().signs() && !now.isBefore(r.notBefore()) && now.isBefore(r.notAfter()))
        .map(IssuedCertificate::certificate);
  }

  private static String vouching(CertificateRequest request) {
    return request.signedWith().map(c -> ", the key vouched for by signing certificate "
        + c.getSerialNumber().toString(16)).orElse("");
  }

  private static String describe(IssuedCertificate issued) {
    return issued.profile().cliName() + " certificate " + issued.serial() + " for " + issued.email() + ", until "
        + issued.notAfter();
  }

  /** Signs a new CRL of the issuing CA, listing every revoked certificate (DER), valid for the CRL lifetime setting. */
  public byte[] crl(String actor) {
    Instant now = clock.instant();
    Instant next = now.plus(store.settings().crlLifetime());
    List<IssuedCertificate> revoked = store.revoked();
    return store.inTransaction(c -> {
      long number = CrlTable.nextCrlNumber(c, CertificateAuthority.ISSUING);
      byte[] der = CrlMaker.crl(issuing, number, now, next, revoked);
      CrlTable.insert(c, CertificateAuthority.ISSUING, number, now, next, der);
      AuditTable.audit(c, now, actor, "crl", "CRL " + number + " with " + revoked.size() + " revoked");
      return der;
    });
  }

  /** The CRL to serve at the distribution point: the stored one for half its lifetime, else a new one. */
  public byte[] currentCrl() {
    Instant now = clock.instant();
    Optional<CrlTable.StoredCrl> latest = store.latestCrl(CertificateAuthority.ISSUING);
    Optional<Instant> lastRevocation = store.lastRevocation();
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
      return store.latestCrl(CertificateAuthority.ISSUING).map(CrlTable.StoredCrl::der).orElseThrow(() -> e);
    }
  }

  /** The root's CRL (of issuing CAs), signed at init, renewed here once it nears its next update. */
  public byte[] rootCrl() {
    Instant now = clock.instant();
    Optional<CrlTable.StoredCrl> latest = store.latestCrl(CertificateAuthority.ROOT);
    if (latest.isPresent() && now.isBefore(latest.get().nextUpdate().minus(Duration.ofDays(30)))) {
      return latest.get().der();
    }
    return store.inTransaction(c -> {
      long number = CrlTable.nextCrlNumber(c, CertificateAuthority.ROOT);
      Instant next = now.plus(Duration.ofDays(365));
      byte[] der = CrlMaker.crl(root, number, now, next, List.of());
      CrlTable.insert(c, CertificateAuthority.ROOT, number, now, next, der);
      return der;
    });
  }

  /**
   * Answers an RFC 6960 OCSP request (DER), signed by the issuing CA or its delegated responder
   * and valid for the OCSP lifetime, as the settings say.
   */
  public byte[] ocsp(byte[] request) {
    CaSettings settings = store.settings();
    CaKey signer = settings.ocspSigner() == OcspSigner.DELEGATED ? ocspResponder() : issuing;
    return OcspResponder.answer(request, issuing.certificate(), signer,
        serial -> store.certificate(serial.toString(16)), clock.instant(), settings.ocspLifetime());
  }

  /** The delegated OCSP responder's certificate (issued on first use, renewed before it expires). */
  public X509Certificate ocspResponderCertificate() {
    return ocspResponder().certificate();
  }

  private CaKey ocspResponder() {
    Instant now = clock.instant();
    Optional<KeyTable.SealedKey> stored = store.key(OCSP);
    if (stored.isPresent()) {
      X509Certificate cert = Pem.certificate(stored.get().certificate());
      if (now.plus(OCSP_RESPONDER_RENEW_BEFORE).isBefore(cert.getNotAfter().toInstant())) {
        return new CaKey(seal.open(stored.get().sealedKey(), OCSP, cert.getPublicKey().getAlgorithm()), cert);
      }
    }
    KeyPair keys = CertificateMaker.generate(issuing.certificate().getPublicKey().getAlgorithm().equals("EC")
        ? "ec-p384" : "rsa3072", random);
    X509Certificate cert = new CertificateMaker(random).ocspResponder(keys.getPublic(), issuing, now);
    store.inTransaction(c -> {
      KeyTable.putKey(c, new KeyTable.SealedKey(OCSP, Pem.encoded(cert), seal.seal(keys.getPrivate(), OCSP)));
      AuditTable.audit(c, now, "service", "ocsp-responder", "delegated OCSP responder " + cert.getSerialNumber().toString(16)
          + ", until " + cert.getNotAfter().toInstant());
      return null;
    });
    return new CaKey(keys.getPrivate(), cert);
  }

  /** A short status message as S/MIME clear-signed by the issuing CA, for a client to verify and show. */
  public byte[] statusMessage(String subject, String text) {
    String message = "Subject: " + subject.replaceAll("[\r\n]", " ") + "\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + text.replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Smime.withDefaults().withClock(clock).withRandom(random).sign(
          new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)),
          SignOptions.defaults(DigitalId.of(issuing.privateKey(), caChain())), out);
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
    Instant now = clock.instant();
    Optional<KeyTable.SealedKey> stored = store.key(TLS);
    if (stored.isPresent()) {
      X509Certificate cert = Pem.certificate(stored.get().certificate());
      if (now.plus(TLS_RENEW_BEFORE).isBefore(cert.getNotAfter().toInstant())) {
        return DigitalId.of(seal.open(stored.get().sealedKey(), TLS, cert.getPublicKey().getAlgorithm()),
            List.of(cert, root.certificate()));
      }
    }
    KeyPair keys = CertificateMaker.generate("ec-p384", random);
    X509Certificate cert = new CertificateMaker(random).tls(hostNames, keys.getPublic(), root, now);
    store.inTransaction(c -> {
      KeyTable.putKey(c, new KeyTable.SealedKey(TLS, Pem.encoded(cert), seal.seal(keys.getPrivate(), TLS)));
      AuditTable.audit(c, now, "service", "tls", "TLS certificate " + cert.getSerialNumber().toString(16) + " for " + hostNames);
      return null;
    });
    return DigitalId.of(keys.getPrivate(), List.of(cert, root.certificate()));
  }
}
