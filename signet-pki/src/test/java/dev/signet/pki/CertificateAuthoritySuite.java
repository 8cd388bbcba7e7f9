package dev.signet.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.Certificates;
import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.core.ProblemCode;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.SignOptions;
import dev.signet.core.Smime;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The CA's behaviour, run against each database it supports (see the subclasses). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CertificateAuthoritySuite {
  private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
  CaFixture fixture;

  /** A new CA of {@code keyType} in this suite's kind of database. */
  abstract CaFixture newFixture(KeyType keyType);

  @TempDir Path dir;

  @BeforeAll
  void setUp() {
    fixture = newFixture(KeyType.RSA_3072);
  }

  /** Stops what {@link #newFixture} started, after the CA is closed. */
  void stopDatabase() {}

  @AfterAll
  void tearDown() {
    fixture.close();
    stopDatabase();
  }

  private IssuedCertificate issue(String email, CertificateProfile profile) {
    return fixture.issuer.issue(Requests.forMailbox(email).der(), profile, Duration.ofDays(365), "test");
  }

  @Test
  void initMakesARootAndAnIssuingCaThatOnlyIssuesForEmail() throws Exception {
    List<X509Certificate> chain = fixture.ca.caCertificates();
    X509Certificate issuing = chain.get(0);
    X509Certificate root = chain.get(1);
    assertThat(root.getSubjectX500Principal().getName()).isEqualTo("CN=Signet Test CA Root,O=Example");
    assertThat(issuing.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
    assertThat(issuing.getBasicConstraints()).isZero();
    assertThat(issuing.getExtendedKeyUsage()).containsExactly(EMAIL_PROTECTION);
    issuing.verify(root.getPublicKey());
  }

  @Test
  void aSecondInitIsRefused() {
    assertThatThrownBy(() -> fixture.ca.init("CN=Other", KeyType.RSA_3072, "http://localhost:8080",
        CaFixture.PASSPHRASE, "test"))
        .isInstanceOfSatisfying(CaException.class, e -> assertThat(e.reason()).isEqualTo(CaException.Reason.ALREADY_INITIALIZED));
  }

  @Test
  void aWrongPassphraseDoesNotUnlockTheKeys() {
    assertThatThrownBy(() -> fixture.ca.unlock("not it".toCharArray()))
        .isInstanceOfSatisfying(CaException.class, e -> assertThat(e.reason()).isEqualTo(CaException.Reason.WRONG_PASSPHRASE));
  }

  @Test
  void aDualUseCertificateFollowsTheStrictMailboxProfile() throws Exception {
    X509Certificate cert = issue("Alice@Example.ORG", CertificateProfile.DUAL_USE).certificate();
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=Alice@example.org");
    assertThat(Certificates.emails(cert)).containsExactly("Alice@example.org");
    assertThat(cert.getExtendedKeyUsage()).containsExactly(EMAIL_PROTECTION);
    assertThat(cert.getKeyUsage()).startsWith(true, false, false, false, true); // digitalSignature, keyAgreement (EC)
    assertThat(cert.getCriticalExtensionOIDs()).contains("2.5.29.15", "2.5.29.19");
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getSerialNumber().toByteArray()).hasSize(20);
    assertThat(new String(cert.getExtensionValue("2.5.29.31"), StandardCharsets.ISO_8859_1))
        .contains("http://127.0.0.1:8080/crl/issuing.crl");
    assertThat(new String(cert.getExtensionValue("1.3.6.1.5.5.7.1.1"), StandardCharsets.ISO_8859_1))
        .contains("http://127.0.0.1:8080/ocsp", "http://127.0.0.1:8080/ca/issuing.cer");
    assertThat(new String(cert.getExtensionValue("2.5.29.32"), StandardCharsets.ISO_8859_1)).isNotEmpty();
  }

  @Test
  void aMailboxWithAPlusOrAnEqualsSignGetsItsCertificate() {
    for (String mailbox : List.of("dan+lists@example.org", "a=b@example.org")) {
      assertThat(Certificates.emails(issue(mailbox, CertificateProfile.DUAL_USE).certificate())).containsExactly(mailbox);
    }
  }

  @Test
  void aMailboxOnlyInTheSubjectIsReadAsWritten() {
    IssuedCertificate issued = fixture.issuer.issue(Requests.forSubjectEmail("erin+ca@example.org").der(),
        CertificateProfile.SIGNING, Duration.ofDays(30), "test");
    assertThat(issued.email()).isEqualTo("erin+ca@example.org");
  }

  @Test
  void aSigningOnlyCertificateCannotEncrypt() {
    boolean[] usage = issue("sig@example.org", CertificateProfile.SIGNING).certificate().getKeyUsage();
    assertThat(usage[0]).isTrue();
    assertThat(usage[2]).isFalse();
    assertThat(usage[4]).isFalse();
  }

  @Test
  void anEncryptionOnlyRsaCertificateCanOnlyEncipherKeys() {
    byte[] csr = Requests.forMailbox("enc@example.org", Requests.rsa(2048)).der();
    boolean[] usage = fixture.issuer.issue(csr, CertificateProfile.ENCRYPTION, Duration.ofDays(30), "test").certificate().getKeyUsage();
    assertThat(usage[0]).isFalse();
    assertThat(usage[2]).isTrue();
  }

  @Test
  void aWeakKeyIsRefused() {
    byte[] csr = Requests.forMailbox("weak@example.org", Requests.rsa(1024)).der();
    assertThatThrownBy(() -> fixture.issuer.issue(csr, CertificateProfile.SIGNING, Duration.ofDays(30), "test"))
        .isInstanceOfSatisfying(CaException.class, e -> assertThat(e.reason()).isEqualTo(CaException.Reason.WEAK_KEY));
  }

  @Test
  void garbageIsNotARequest() {
    assertThatThrownBy(() -> fixture.issuer.issue("hello".getBytes(StandardCharsets.US_ASCII), CertificateProfile.SIGNING,
        Duration.ofDays(30), "test"))
        .isInstanceOfSatisfying(CaException.class, e -> assertThat(e.reason()).isEqualTo(CaException.Reason.BAD_REQUEST));
  }

  @Test
  void openSslAcceptsAnIssuedCertificateForSmimeSigning() throws Exception {
    ExternalTool.OPENSSL.require();
    run("openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "req.pem",
        "-subj", "/CN=Bob/emailAddress=bob@example.org");
    IssuedCertificate issued = fixture.issuer.issue(Files.readAllBytes(dir.resolve("req.pem")), CertificateProfile.DUAL_USE,
        Duration.ofDays(365), "test");
    Files.writeString(dir.resolve("bob.pem"), CertificateAuthority.pem(List.of(issued.certificate())));
    Files.writeString(dir.resolve("root.pem"), CertificateAuthority.pem(List.of(fixture.ca.caCertificates().get(1))));
    Files.writeString(dir.resolve("issuing.pem"), CertificateAuthority.pem(List.of(fixture.ca.caCertificates().get(0))));
    ProcessRunner.Result verify = run("openssl", "verify", "-purpose", "smimesign", "-x509_strict", "-CAfile", "root.pem",
        "-untrusted", "issuing.pem", "bob.pem");
    assertThat(verify.stdoutText()).contains("bob.pem: OK");
    assertThat(run("openssl", "verify", "-purpose", "smimeencrypt", "-CAfile", "root.pem", "-untrusted", "issuing.pem",
        "bob.pem").stdoutText()).contains("OK");
  }

  @Test
  void aRevokedCertificateIsOnTheNextCrlAndSignetReportsItRevoked() throws Exception {
    Requests request = Requests.forMailbox("carol@example.org");
    IssuedCertificate issued = fixture.issuer.issue(request.der(), CertificateProfile.DUAL_USE, Duration.ofDays(365), "test");
    DigitalId carol = DigitalId.of(request.keys().getPrivate(),
        List.of(issued.certificate(), fixture.ca.caCertificates().get(0)));
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    Smime.withDefaults().sign(new ByteArrayInputStream(
        "From: carol@example.org\r\nSubject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII)),
        SignOptions.defaults(carol), signed);

    fixture.ca.revoke(issued.serial(), RevocationReason.KEY_COMPROMISE, "test");
    X509CRL crl = Certificates.readCrls(new ByteArrayInputStream(fixture.issuer.crl("test"))).get(0);
    X509CRL rootCrl = Certificates.readCrls(new ByteArrayInputStream(fixture.issuer.rootCrl())).get(0);

    assertThat(crl.getRevokedCertificate(issued.certificate().getSerialNumber())).isNotNull();
    SecurityReport report = Smime.withDefaults().read(new ByteArrayInputStream(signed.toByteArray()),
        ReadOptions.verify(List.of(fixture.ca.caCertificates().get(1))).withCrls(List.of(crl, rootCrl)),
        OutputStream.nullOutputStream());
    assertThat(report.has(ProblemCode.CERT_REVOKED)).isTrue();
  }

  @Test
  void revokingTwiceOrAnUnknownSerialIsRefused() {
    IssuedCertificate issued = issue("dave@example.org", CertificateProfile.SIGNING);
    fixture.ca.revoke(issued.serial(), RevocationReason.SUPERSEDED, "test");
    assertThatThrownBy(() -> fixture.ca.revoke(issued.serial(), RevocationReason.SUPERSEDED, "test"))
        .isInstanceOfSatisfying(CaException.class, e -> assertThat(e.reason()).isEqualTo(CaException.Reason.ALREADY_REVOKED));
    assertThatThrownBy(() -> fixture.ca.revoke("0badc0de", RevocationReason.SUPERSEDED, "test"))
        .isInstanceOfSatisfying(CaException.class, e -> assertThat(e.reason()).isEqualTo(CaException.Reason.UNKNOWN_SERIAL));
  }

  @Test
  void issuanceAndRevocationAreInTheAuditLog() {
    IssuedCertificate issued = issue("erin@example.org", CertificateProfile.SIGNING);
    fixture.ca.revoke(issued.serial(), RevocationReason.CESSATION_OF_OPERATION, "admin@example.org");
    assertThat(fixture.ca.auditLog()).extracting(AuditEvent::action).contains("init", "issue", "revoke");
    assertThat(fixture.ca.auditLog()).anySatisfy(e -> {
      assertThat(e.actor()).isEqualTo("admin@example.org");
      assertThat(e.detail()).contains(issued.serial());
    });
  }

  @Test
  void anEcP384CaIssuesToo() throws Exception {
    try (CaFixture ec = newFixture(KeyType.EC_P384)) {
      IssuedCertificate issued = ec.issuer.issue(Requests.forMailbox("frank@example.org").der(), CertificateProfile.SIGNING,
          Duration.ofDays(30), "test");
      assertThat(issued.certificate().getSigAlgName()).isEqualTo("SHA384withECDSA");
      issued.certificate().verify(ec.ca.caCertificates().get(0).getPublicKey());
    }
  }

  @Test
  void anAcmeNonceIsGoodForOneRequest() {
    String nonce = fixture.ca.acme().newNonce();

    assertThat(fixture.ca.acme().useNonce(nonce)).isTrue();
    assertThat(fixture.ca.acme().useNonce(nonce)).isFalse();
  }

  @Test
  void anAcmeAccountIsFoundByItsKeysThumbprint() {
    AcmeRecords.Account account = fixture.ca.acme().newAccount("thumbprint-1", "{\"kty\":\"EC\"}",
        "[\"mailto:ivy@example.org\"]");

    assertThat(fixture.ca.acme().accountByThumbprint("thumbprint-1")).contains(account);
    assertThat(fixture.ca.acme().account(account.id())).contains(account);
  }

  @Test
  void anAcmeOrderGoesFromPendingToReadyToValidWithItsCertificate() {
    AcmeRecords.Account account = fixture.ca.acme().newAccount("thumbprint-2", "{}", "[]");
    AcmeRecords.Order order = fixture.ca.acme().newOrder(account.id(), "jack@Example.ORG");
    fixture.ca.acme().authorized(order.id());
    IssuedCertificate issued = fixture.issuer.issueForAcme("jack@example.org",
        Requests.forMailbox("jack@example.org").der(), account.id());
    fixture.ca.acme().fulfilled(order.id(), issued.serial());

    AcmeRecords.Order done = fixture.ca.acme().order(order.id()).orElseThrow();
    assertThat(done.email()).isEqualTo("jack@example.org");
    assertThat(done.status()).isEqualTo("valid");
    assertThat(done.authorizationStatus()).isEqualTo("valid");
    assertThat(done.certificateSerial()).contains(issued.serial());
  }

  @Test
  void anAcmeOrderPastItsExpiryIsInvalidAndCannotBeAuthorized() {
    AcmeRecords.Account account = fixture.ca.acme().newAccount("thumbprint-3", "{}", "[]");
    AcmeRecords.Order order = fixture.ca.acme().newOrder(account.id(), "kim@example.org");
    AcmeRecords later = fixture.ca.withClock(Clock.fixed(order.expires(), ZoneOffset.UTC)).acme();

    later.authorized(order.id());

    AcmeRecords.Order expired = later.order(order.id()).orElseThrow();
    assertThat(expired.status()).isEqualTo("invalid");
    assertThat(expired.authorizationStatus()).isEqualTo("invalid");
    assertThat(expired.error()).contains("the order expired at " + order.expires());
    assertThat(fixture.ca.acme().order(order.id()).orElseThrow().status()).isEqualTo("pending");
  }

  @Test
  void aReadyAcmeOrderThatExpiresIsNoLongerReady() {
    AcmeRecords.Account account = fixture.ca.acme().newAccount("thumbprint-4", "{}", "[]");
    AcmeRecords.Order order = fixture.ca.acme().newOrder(account.id(), "lou@example.org");
    fixture.ca.acme().authorized(order.id());

    AcmeRecords later = fixture.ca.withClock(Clock.fixed(order.expires().plusSeconds(1), ZoneOffset.UTC)).acme();
    assertThat(later.order(order.id()).orElseThrow().status()).isEqualTo("invalid");
  }

  private ProcessRunner.Result run(String... command) {
    ProcessRunner.Result r = ProcessRunner.run(dir, Map.of(), new byte[0], List.of(command));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r;
  }
}
