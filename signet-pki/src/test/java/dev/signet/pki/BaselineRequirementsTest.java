package dev.signet.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.Certificates;
import dev.signet.core.KeyType;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Certificates, CRLs and OCSP answers shaped as the CA/Browser Forum S/MIME Baseline Requirements ask. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BaselineRequirementsTest {
  private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
  private static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
  private CaFixture fixture;
  @TempDir Path dir;

  @BeforeAll
  void setUp() {
    fixture = CaFixture.h2(KeyType.EC_P384);
  }

  @AfterEach
  void backToDefaults() {
    fixture.ca.changeSettings(CaSettings.defaults(), "test");
  }

  @AfterAll
  void tearDown() {
    fixture.close();
  }

  private X509Certificate issue(String email) {
    return fixture.issuer.issue(Requests.forMailbox(email).der(), CertificateProfile.DUAL_USE, Duration.ofDays(365), "test")
        .certificate();
  }

  private static List<String> policies(X509Certificate cert) {
    return Arrays.stream(CertificatePolicies.getInstance(ASN1OctetString.getInstance(cert.getExtensionValue("2.5.29.32"))
        .getOctets()).getPolicyInformation()).map(p -> p.getPolicyIdentifier().getId()).toList();
  }

  @Test
  void aCertificateOfTheStrictGenerationCarriesTheStrictPolicyOnly() {
    assertThat(policies(issue("strict@example.org"))).containsExactly("2.23.140.1.5.1.3");
  }

  @Test
  void aCertificateOfTheMultipurposeGenerationCarriesTheMultipurposePolicy() {
    fixture.ca.changeSettings(CaSettings.defaults().withGeneration(Generation.MULTIPURPOSE), "test");
    assertThat(policies(issue("multi@example.org"))).containsExactly("2.23.140.1.5.1.2");
  }

  @Test
  void aValidityAboveTheBrMaximumIsRefusedNotShortened() {
    assertThatThrownBy(() -> fixture.issuer.issue(Requests.forMailbox("long@example.org").der(), CertificateProfile.SIGNING,
        Duration.ofDays(826), "test"))
        .isInstanceOfSatisfying(CaException.class, e -> assertThat(e.reason()).isEqualTo(CaException.Reason.BAD_REQUEST))
        .hasMessageContaining("825");
    assertThat(fixture.ca.certificatesFor("long@example.org")).isEmpty();
  }

  @Test
  void theBrMaximumItselfIsIssued() {
    IssuedCertificate issued = fixture.issuer.issue(Requests.forMailbox("max@example.org").der(), CertificateProfile.SIGNING,
        Duration.ofDays(825), "test");
    assertThat(Duration.between(issued.notBefore(), issued.notAfter())).isLessThanOrEqualTo(Duration.ofDays(825).plusMinutes(5));
  }

  @Test
  void theIssuingCaIsShapedAsAnSmimeSubordinate() throws Exception {
    X509Certificate issuing = fixture.ca.caCertificates().get(0);
    assertThat(issuing.getBasicConstraints()).isZero();
    assertThat(issuing.getCriticalExtensionOIDs()).contains("2.5.29.15", "2.5.29.19");
    assertThat(issuing.getExtendedKeyUsage()).containsExactly(EMAIL_PROTECTION);
    assertThat(policies(issuing)).containsExactlyInAnyOrder("2.23.140.1.5.1.3", "2.23.140.1.5.1.2");
    AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(
        ASN1OctetString.getInstance(issuing.getExtensionValue("1.3.6.1.5.5.7.1.1")).getOctets());
    assertThat(Arrays.stream(aia.getAccessDescriptions()).filter(a -> a.getAccessMethod().equals(AccessDescription.id_ad_caIssuers))
        .map(a -> a.getAccessLocation().getName().toString())).containsExactly("http://127.0.0.1:8080/ca/root.cer");
    assertThat(issuing.getExtensionValue("2.5.29.31")).isNotNull();
    assertThat(issuing.getExtensionValue("2.5.29.14")).isNotNull();
    assertThat(issuing.getExtensionValue("2.5.29.35")).isNotNull();
  }

  @Test
  void aCrlIsValidForTheCrlLifetimeSetting() throws Exception {
    fixture.ca.changeSettings(CaSettings.defaults().withCrlLifetime(Duration.ofDays(7)), "test");
    X509CRL crl = Certificates.readCrls(new ByteArrayInputStream(fixture.issuer.crl("test"))).get(0);
    assertThat(Duration.between(crl.getThisUpdate().toInstant(), crl.getNextUpdate().toInstant())).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void anOcspAnswerIsValidForTheOcspLifetimeSetting() throws Exception {
    fixture.ca.changeSettings(CaSettings.defaults().withOcspLifetime(Duration.ofHours(8)), "test");
    SingleResp answer = ocsp(issue("lifetime@example.org")).getResponses()[0];
    assertThat(Duration.between(answer.getThisUpdate().toInstant(), answer.getNextUpdate().toInstant()))
        .isEqualTo(Duration.ofHours(8));
  }

  @Test
  void statusLifetimesAboveTenDaysAreRefused() {
    assertThatThrownBy(() -> CaSettings.defaults().withCrlLifetime(Duration.ofDays(11)))
        .isInstanceOfSatisfying(CaException.class, e -> assertThat(e.reason()).isEqualTo(CaException.Reason.BAD_REQUEST));
    assertThatThrownBy(() -> CaSettings.defaults().withOcspLifetime(Duration.ofDays(11)))
        .isInstanceOf(CaException.class);
  }

  @Test
  void theIssuingCaSignsOcspAnswersByDefault() throws Exception {
    BasicOCSPResp resp = ocsp(issue("byca@example.org"));
    assertThat(resp.getCerts()[0]).isEqualTo(new JcaX509CertificateHolder(fixture.ca.caCertificates().get(0)));
  }

  @Test
  void aDelegatedResponderSignsOcspAnswersWhenSetSo() throws Exception {
    fixture.ca.changeSettings(CaSettings.defaults().withOcspSigner(OcspSigner.DELEGATED), "test");
    BasicOCSPResp resp = ocsp(issue("delegated@example.org"));
    X509Certificate responder = fixture.issuer.ocspResponderCertificate();
    X509CertificateHolder signer = resp.getCerts()[0];
    assertThat(signer).isEqualTo(new JcaX509CertificateHolder(responder));
    assertThat(resp.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder))).isTrue();
    assertThat(responder.getExtendedKeyUsage()).containsExactly(OCSP_SIGNING);
    assertThat(responder.getExtensionValue(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck.getId())).isNotNull();
    responder.verify(fixture.ca.caCertificates().get(0).getPublicKey());
  }

  @Test
  void theDelegatedResponderIsKeptNotRemadeForEachAnswer() {
    assertThat(fixture.issuer.ocspResponderCertificate()).isEqualTo(fixture.issuer.ocspResponderCertificate());
  }

  @Test
  void openSslShowsThePolicyAndAcceptsTheCertificateForSmime() throws Exception {
    ExternalTool.OPENSSL.require();
    write("alice.pem", List.of(issue("alice@example.org")));
    write("root.pem", List.of(fixture.ca.caCertificates().get(1)));
    write("issuing.pem", List.of(fixture.ca.caCertificates().get(0)));
    assertThat(run("openssl", "x509", "-in", "alice.pem", "-noout", "-text").stdoutText())
        .contains("Policy: 2.23.140.1.5.1.3", "E-mail Protection", "email:alice@example.org",
            "OCSP - URI:http://127.0.0.1:8080/ocsp", "CA Issuers - URI:http://127.0.0.1:8080/ca/issuing.cer");
    assertThat(run("openssl", "verify", "-purpose", "smimesign", "-x509_strict", "-policy_check", "-policy",
        "2.23.140.1.5.1.3", "-CAfile", "root.pem", "-untrusted", "issuing.pem", "alice.pem").stdoutText())
        .contains("alice.pem: OK");
  }

  @Test
  void openSslVerifiesAnAnswerOfTheDelegatedResponder() throws Exception {
    ExternalTool.OPENSSL.require();
    fixture.ca.changeSettings(CaSettings.defaults().withOcspSigner(OcspSigner.DELEGATED), "test");
    X509Certificate bob = issue("bob@example.org");
    Files.write(dir.resolve("answer.der"), fixture.issuer.ocsp(request(bob)));
    write("root.pem", List.of(fixture.ca.caCertificates().get(1)));
    write("issuing.pem", List.of(fixture.ca.caCertificates().get(0)));
    write("bob.pem", List.of(bob));
    ProcessRunner.Result r = run("openssl", "ocsp", "-respin", "answer.der", "-CAfile", "root.pem", "-verify_other",
        "issuing.pem", "-issuer", "issuing.pem", "-cert", "bob.pem");
    assertThat(r.stderr()).contains("Response verify OK");
    assertThat(r.stdoutText()).contains("bob.pem: good");
  }

  private byte[] request(X509Certificate cert) throws Exception {
    CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
        new JcaX509CertificateHolder(fixture.ca.caCertificates().get(0)), cert.getSerialNumber());
    return new OCSPReqBuilder().addRequest(id).build().getEncoded();
  }

  private BasicOCSPResp ocsp(X509Certificate cert) throws Exception {
    return (BasicOCSPResp) new OCSPResp(fixture.issuer.ocsp(request(cert))).getResponseObject();
  }

  private void write(String name, List<X509Certificate> certs) throws Exception {
    Files.writeString(dir.resolve(name), CertificateAuthority.pem(certs));
  }

  private ProcessRunner.Result run(String... command) {
    ProcessRunner.Result r = ProcessRunner.run(dir, Map.of(), new byte[0], List.of(command));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r;
  }
}
