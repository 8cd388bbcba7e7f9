package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each read-side setting, per value, decides the severity and says so in the report. */
class ReadPolicyTest {
  private static final DigitalId ALICE =
      DigitalId.selfSigned("alice@example.org", "Alice", KeyType.EC_P256, Clock.systemUTC(), new SecureRandom());
  private static final byte[] SIGNED = signed();

  private static byte[] signed() {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Smime.withDefaults().sign(new ByteArrayInputStream("From: alice@example.org\r\n\r\nhi\r\n"
          .getBytes(StandardCharsets.US_ASCII)), SignOptions.defaults(ALICE), out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static SecurityReport read(List<X509Certificate> anchors, Map<PolicySetting, String> settings)
      throws IOException {
    return Smime.withDefaults().read(new ByteArrayInputStream(SIGNED),
        ReadOptions.verify(anchors).withPolicy(new Policy(settings, "test")), OutputStream.nullOutputStream());
  }

  @ParameterizedTest(name = "SigStatusNoTrustDecision={0}: an untrusted signature is {1}, verdict {2}")
  @CsvSource({"2, ERROR, ERROR", "1, WARNING, WARNING", "0, INFO, VALID"})
  void sigStatusNoTrustDecisionDecidesWhatAnUntrustedSignatureIs(String value, Severity severity, Verdict verdict)
      throws IOException {
    SecurityReport report = read(List.of(), Map.of(PolicySetting.SIG_STATUS_NO_TRUST_DECISION, value));
    assertThat(report.problems()).filteredOn(p -> p.code() == ProblemCode.UNTRUSTED_ROOT).singleElement()
        .satisfies(p -> assertThat(p.severity()).isEqualTo(severity))
        .satisfies(p -> assertThat(p.setting()).contains("SigStatusNoTrustDecision"));
    assertThat(report.verdict()).isEqualTo(verdict);
  }

  @ParameterizedTest(name = "PromoteErrorsAsWarnings={0}: an expired signer certificate is {1}")
  @CsvSource({"1, WARNING", "0, ERROR"})
  void promoteErrorsAsWarningsTurnsLevelTwoErrorsIntoWarnings(String value, Severity severity) throws IOException {
    SecurityReport report = Smime.withDefaults().withClock(Clock.offset(Clock.systemUTC(), java.time.Duration.ofDays(3650)))
        .read(new ByteArrayInputStream(SIGNED), ReadOptions.verify(List.of(ALICE.certificate()))
            .withPolicy(new Policy(Map.of(PolicySetting.PROMOTE_ERRORS_AS_WARNINGS, value), "test")),
            OutputStream.nullOutputStream());
    assertThat(report.problems()).filteredOn(p -> p.code() == ProblemCode.CERT_EXPIRED).singleElement()
        .satisfies(p -> assertThat(p.severity()).isEqualTo(severity));
  }

  @ParameterizedTest(name = "SigStatusNoCRL={0}: a missing CRL is {1}")
  @CsvSource({"1, ERROR", "0, WARNING"})
  void sigStatusNoCrlDecidesWhatAMissingCrlIs(String value, Severity severity) throws IOException {
    var pki = dev.signet.testkit.TestPki.get();
    var bob = pki.identity(dev.signet.testkit.TestPki.KeyKind.EC_P256);
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    Smime.withDefaults().sign(new ByteArrayInputStream(("From: " + bob.email() + "\r\n\r\nhi\r\n")
        .getBytes(StandardCharsets.US_ASCII)), SignOptions.defaults(DigitalId.of(bob.privateKey(), bob.chain())), signed);
    SecurityReport report = Smime.withDefaults().read(new ByteArrayInputStream(signed.toByteArray()),
        ReadOptions.verify(pki.anchors()).withCrls(List.of(unrelatedCrl()))
            .withPolicy(new Policy(Map.of(PolicySetting.SIG_STATUS_NO_CRL, value), "test")),
        OutputStream.nullOutputStream());
    assertThat(report.problems()).filteredOn(p -> p.code() == ProblemCode.NO_CRL).isNotEmpty().allSatisfy(p -> {
      assertThat(p.severity()).isEqualTo(severity);
      assertThat(p.setting()).contains("SigStatusNoCRL");
    });
  }

  private static java.security.cert.X509CRL unrelatedCrl() throws IOException {
    try {
      var kp = java.security.KeyPairGenerator.getInstance("EC").generateKeyPair();
      var issuer = new org.bouncycastle.asn1.x500.X500Name("CN=Unrelated CA");
      var builder = new org.bouncycastle.cert.X509v2CRLBuilder(issuer, new java.util.Date());
      var signer = new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate());
      return new org.bouncycastle.cert.jcajce.JcaX509CRLConverter().getCRL(builder.build(signer));
    } catch (java.security.GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new IOException(e);
    }
  }
}
