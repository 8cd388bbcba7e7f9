package dev.signet.pki;

import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.core.Smime;
import dev.signet.pki.internal.ArchiveTable;
import dev.signet.pki.internal.AuditTable;
import dev.signet.pki.internal.CaKey;
import dev.signet.pki.internal.CaStore;
import dev.signet.pki.internal.CaUrls;
import dev.signet.pki.internal.CertificateMaker;
import dev.signet.pki.internal.CertificateTable;
import dev.signet.pki.internal.CertsOnly;
import dev.signet.pki.internal.ConfigTable;
import dev.signet.pki.internal.CrlMaker;
import dev.signet.pki.internal.CrlTable;
import dev.signet.pki.internal.KeyArchive;
import dev.signet.pki.internal.KeySeal;
import dev.signet.pki.internal.KeyTable;
import dev.signet.pki.internal.Mailbox;
import dev.signet.pki.internal.Pem;
import dev.signet.pki.internal.TokenTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The front door of the certificate authority: set it up, keep its records, hand out enrollment
 * tokens, revoke. What needs the CA's keys is done by the {@link Issuer} that {@link #unlock} (or
 * {@link #init}) returns.
 */
public final class CertificateAuthority implements AutoCloseable {
  static final String ROOT = "root";
  static final String ISSUING = "issuing";
  private static final Set<KeyType> CA_KEYS = Set.of(KeyType.RSA_3072, KeyType.EC_P384);
  private static final Duration MAX_TOKEN_TTL = Duration.ofDays(30);
  private static final Duration ROOT_CRL_VALIDITY = Duration.ofDays(365);

  private final CaStore store;
  private final Clock clock;
  private final SecureRandom random;

  private CertificateAuthority(CaStore store, Clock clock, SecureRandom random) {
    this.store = store;
    this.clock = clock;
    this.random = random;
  }

  /** Opens (and migrates) the CA's database; nothing needs the passphrase yet. */
  public static CertificateAuthority open(CaDatabase database) {
    return new CertificateAuthority(CaStore.open(database), Clock.systemUTC(), new SecureRandom());
  }

  /** The same records seen with another clock (tests: expiry). */
  public CertificateAuthority withClock(Clock newClock) {
    return new CertificateAuthority(store, Objects.requireNonNull(newClock, "clock"), random);
  }

  public boolean isInitialized() {
    return store.config().isPresent();
  }

  /**
   * Creates the root and the issuing CA named {@code name} (a DN with a CN; the root is "CN Root"),
   * their keys sealed under {@code passphrase}, and their first CRLs.
   *
   * @param baseUrl the http:// address of the CA's services, written into every certificate
   */
  public Issuer init(String name, KeyType keyType, String baseUrl, char[] passphrase, String actor) {
    if (!CA_KEYS.contains(keyType)) {
      throw new IllegalArgumentException("a CA key is rsa3072 or ec-p384, not " + keyType.cliName());
    }
    if (isInitialized()) {
      throw new CaException(CaException.Reason.ALREADY_INITIALIZED, "the CA is already set up in this database");
    }
    CaUrls urls = new CaUrls(baseUrl);
    Instant now = clock.instant();
    CertificateMaker maker = new CertificateMaker(random);
    CaKey root = maker.root(name, CertificateMaker.generate(keyType.cliName(), random), now);
    CaKey issuing = maker.issuing(name, CertificateMaker.generate(keyType.cliName(), random), root, urls, now);
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    KeySeal seal = KeySeal.derive(passphrase, salt, KeySeal.ITERATIONS, random);
    ConfigTable.Config config = new ConfigTable.Config(issuing.certificate().getSubjectX500Principal().getName(), keyType.cliName(), urls.baseUrl(), salt,
        KeySeal.ITERATIONS, now);
    store.inTransaction(c -> {
      ConfigTable.insert(c, config);
      KeyTable.insert(c, new KeyTable.SealedKey(ROOT, Pem.encoded(root.certificate()), seal.seal(root.privateKey(), ROOT)));
      KeyTable.insert(c, new KeyTable.SealedKey(ISSUING, Pem.encoded(issuing.certificate()),
          seal.seal(issuing.privateKey(), ISSUING)));
      CrlTable.insert(c, ROOT, 1, now, now.plus(ROOT_CRL_VALIDITY), CrlMaker.crl(root, 1, now,
          now.plus(ROOT_CRL_VALIDITY), List.of()));
      AuditTable.audit(c, now, actor, "init", "root " + root.certificate().getSubjectX500Principal().getName()
          + ", issuing " + issuing.certificate().getSubjectX500Principal().getName() + ", " + keyType.cliName()
          + ", services at " + urls.baseUrl());
      return null;
    });
    return new Issuer(this, new UnlockedCa(store, seal, root, issuing, clock, random), urls);
  }

  /** Opens the CA's keys with its passphrase. */
  public Issuer unlock(char[] passphrase) {
    ConfigTable.Config config = config();
    KeySeal seal = KeySeal.derive(passphrase, config.kdfSalt(), config.kdfIterations(), random);
    return new Issuer(this, new UnlockedCa(store, seal, open(seal, ROOT), open(seal, ISSUING), clock, random),
        new CaUrls(config.baseUrl()));
  }

  private CaKey open(KeySeal seal, String role) {
    KeyTable.SealedKey sealed = store.key(role)
        .orElseThrow(() -> new CaException(CaException.Reason.STORE, "the " + role + " CA key is missing"));
    X509Certificate cert = Pem.certificate(sealed.certificate());
    return new CaKey(seal.open(sealed.sealedKey(), role, cert.getPublicKey().getAlgorithm()), cert);
  }

  private ConfigTable.Config config() {
    return store.config().orElseThrow(() -> new CaException(CaException.Reason.NOT_INITIALIZED,
        "no CA in this database yet: run signet ca init"));
  }

  /** The settings in force (the defaults until an administrator changes them). */
  public CaSettings settings() {
    config();
    return store.settings();
  }

  /** Changes the settings; certificates, CRLs and OCSP answers made from now on follow them. */
  public void changeSettings(CaSettings settings, String actor) {
    config();
    Instant now = clock.instant();
    store.inTransaction(c -> {
      ConfigTable.putSettings(c, settings);
      AuditTable.audit(c, now, actor, "settings", "generation " + settings.generation().cliName() + ", CRLs for "
          + settings.crlLifetime() + ", OCSP answers for " + settings.ocspLifetime() + " signed by "
          + settings.ocspSigner().cliName());
      return null;
    });
  }

  /** The records of the CA's ACME server. */
  public AcmeRecords acme() {
    config();
    return new AcmeRecords(store, clock, random);
  }

  /** The http:// address of the CA's services, as in its certificates. */
  public String baseUrl() {
    return config().baseUrl();
  }

  /** The issuing CA's certificate, then the root's. */
  public List<X509Certificate> caCertificates() {
    config();
    return List.of(certificate(ISSUING), certificate(ROOT));
  }

  /** The CA certificates as a certs-only CMS SignedData (DER), as EST's cacerts serves them. */
  public byte[] caCertificatesCms() {
    return CertsOnly.of(caCertificates());
  }

  public static String pem(List<X509Certificate> certificates) {
    return Pem.certificates(certificates);
  }

  X509Certificate certificate(String role) {
    return store.key(role).map(k -> Pem.certificate(k.certificate()))
        .orElseThrow(() -> new CaException(CaException.Reason.NOT_INITIALIZED, "no CA in this database yet: run signet ca init"));
  }

  public List<IssuedCertificate> list() {
    return store.certificates();
  }

  public List<IssuedCertificate> certificatesFor(String email) {
    return store.certificatesFor(Mailbox.normalize(email));
  }

  public Optional<IssuedCertificate> find(String serialHex) {
    return store.certificate(serial(serialHex));
  }

  /** Revokes a certificate; the next CRL and every OCSP answer from now on say so. */
  public IssuedCertificate revoke(String serialHex, RevocationReason reason, String actor) {
    String serial = serial(serialHex);
    Instant now = clock.instant();
    store.inTransaction(c -> {
      if (!CertificateTable.revoke(c, serial, now, reason)) {
        throw store.certificate(serial).isPresent()
            ? new CaException(CaException.Reason.ALREADY_REVOKED, "certificate " + serial + " is already revoked")
            : new CaException(CaException.Reason.UNKNOWN_SERIAL, "this CA issued no certificate with serial " + serial);
      }
      AuditTable.audit(c, now, actor, "revoke", "serial " + serial + ", reason " + reason.cliName());
      return null;
    });
    return store.certificate(serial).orElseThrow();
  }

  private static String serial(String hex) {
    String s = hex.strip().toLowerCase(Locale.ROOT).replace(":", "");
    if (!s.matches("[0-9a-f]{1,40}")) {
      throw new CaException(CaException.Reason.BAD_REQUEST, "not a serial number in hex: " + hex);
    }
    return s.replaceFirst("^0+(?=.)", "");
  }

  /** A one-time token for {@code email}, valid for {@code ttl}; only its hash is stored. */
  public EnrollmentToken token(String email, Optional<String> name, Duration ttl, String actor) {
    config();
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TOKEN_TTL) > 0) {
      throw new CaException(CaException.Reason.BAD_REQUEST, "a token lives between a minute and 30 days, not " + ttl);
    }
    String address = Mailbox.normalize(email);
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String text = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant now = clock.instant();
    Instant expires = now.plus(ttl);
    store.inTransaction(c -> {
      TokenTable.insert(c, tokenHash(text), address, name.orElse(null), now, expires);
      AuditTable.audit(c, now, actor, "token", "for " + address + ", expires " + expires);
      return null;
    });
    return new EnrollmentToken(text, address, expires);
  }

  static byte[] tokenHash(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /**
   * Turns key archival on: from now, encryption keys are made by the server and archived, sealed
   * to {@code agent}'s certificate (which must be able to receive encrypted mail).
   */
  public void setRecoveryAgent(X509Certificate agent, String actor) {
    config();
    KeyArchive.seal(probeKey(), agent, Smime.withDefaults());
    Instant now = clock.instant();
    store.inTransaction(c -> {
      ArchiveTable.putRecoveryAgent(c, agent, now);
      AuditTable.audit(c, now, actor, "archival", "recovery agent " + agent.getSubjectX500Principal().getName()
          + ", serial " + agent.getSerialNumber().toString(16));
      return null;
    });
  }

  public Optional<X509Certificate> recoveryAgent() {
    return store.recoveryAgent();
  }

  /**
   * Recovers the archived encryption keys of {@code email} with the recovery agent's digital ID,
   * newest first, each with its certificate and the CA chain.
   */
  public List<DigitalId> recover(String email, DigitalId agent, String actor) {
    String address = Mailbox.normalize(email);
    List<ArchiveTable.ArchivedKey> archived = store.archivedKeys(address);
    if (archived.isEmpty()) {
      throw new CaException(CaException.Reason.NOTHING_ARCHIVED, "no archived key for " + address);
    }
    List<DigitalId> recovered = new ArrayList<>();
    for (ArchiveTable.ArchivedKey a : archived) {
      X509Certificate cert = store.certificate(a.serial()).orElseThrow().certificate();
      PrivateKey key = KeyArchive.open(a.sealed(), agent, cert.getPublicKey().getAlgorithm(), Smime.withDefaults());
      recovered.add(DigitalId.of(key, List.of(cert, certificate(ISSUING), certificate(ROOT))));
    }
    Instant now = clock.instant();
    store.inTransaction(c -> {
      AuditTable.audit(c, now, actor, "recover", recovered.size() + " key(s) of " + address + ": "
          + archived.stream().map(ArchiveTable.ArchivedKey::serial).toList() + ", by agent "
          + agent.certificate().getSubjectX500Principal().getName());
      return null;
    });
    return recovered;
  }

  /** A throwaway key, sealed once to check that a would-be agent's certificate can receive. */
  private PrivateKey probeKey() {
    return CertificateMaker.generate("ec-p384", random).getPrivate();
  }

  public List<AuditEvent> auditLog() {
    return store.auditLog();
  }

  /** One page of the audit log, newest first, as {@code query} filters it. */
  public AuditQuery.Page auditLog(AuditQuery query) {
    return new CaRecords(store).audit(query);
  }

  /** Every enrollment token, newest first, without its secret. */
  public List<IssuedToken> tokens() {
    return new CaRecords(store).tokens();
  }

  /**
   * Revokes the token {@code id} ({@link IssuedToken#id()}): it enrolls nothing more.
   *
   * @throws CaException TOKEN_UNKNOWN when no token by that id is open, partly used or unexpired
   */
  public void revokeToken(String id, String actor) {
    if (!new CaRecords(store).revokeToken(id, clock.instant(), actor)) {
      throw new CaException(CaException.Reason.TOKEN_UNKNOWN, "no token that revoking would stop");
    }
  }

  Clock clock() {
    return clock;
  }

  @Override
  public void close() {
    store.close();
  }
}
