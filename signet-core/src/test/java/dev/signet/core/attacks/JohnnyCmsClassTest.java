package dev.signet.core.attacks;

import static dev.signet.core.attacks.Mail.message;
import static dev.signet.core.attacks.Mail.text;
import static dev.signet.core.attacks.Mail.verify;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigitalId;
import dev.signet.core.ProblemCode;
import dev.signet.core.SecurityReport;
import dev.signet.core.SignerReport;
import dev.signet.core.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/**
 * "Johnny, You Are Fired" (USENIX Security 2019), CMS class: signatures whose structure says
 * something other than what is displayed. Each signer is judged on its own, and none of these
 * shows the displayed text as validly signed.
 */
class JohnnyCmsClassTest {
  private static final DigitalId MANAGER = Mail.person("manager@example.org", "Manager");
  private static final DigitalId EVE = Mail.person("eve@evil.example", "Eve");
  private static final String FROM_MANAGER = "From: manager@example.org\r\nTo: johnny@example.org\r\n";
  private static final String FIRED = text("Johnny, you are fired!");

  private static byte[] bytes(String entity) {
    return entity.getBytes(StandardCharsets.US_ASCII);
  }

  private static SecurityReport verifyFromManager(String entity) {
    return verify(message(FROM_MANAGER, entity), List.of(MANAGER.certificate(), EVE.certificate())).report();
  }

  @Test
  void aDetachedSignatureOverTheDisplayedPartIsValid() {
    String mail = Cms.clearSigned(FIRED, Cms.detached(bytes(FIRED), List.of(MANAGER), Cms.noExtraAttributes()));
    assertThat(verifyFromManager(mail).verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void eContentConfusionASignaturePartCarryingOtherSignedContentIsNeverValid() {
    byte[] promoted = Cms.embedding(bytes(text("Congratulations, you are promoted!")), MANAGER);
    SecurityReport report = verifyFromManager(Cms.clearSigned(FIRED, promoted));
    assertThat(report.has(ProblemCode.BAD_SIGNATURE)).isTrue();
    assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
  }

  /** Issue 19: pyca/cryptography's clear signatures carry the content too; OpenSSL reads them as valid. */
  @Test
  void aSignaturePartCarryingTheDisplayedContentItselfIsValidAndNoted() {
    SecurityReport report = verifyFromManager(Cms.clearSigned(FIRED, Cms.embedding(bytes(FIRED), MANAGER)));
    assertThat(report.has(ProblemCode.EMBEDDED_CONTENT)).isTrue();
    assertThat(report.has(ProblemCode.BAD_SIGNATURE)).isFalse();
    assertThat(report.verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void multipleSignersAreReportedOneByOneAndABadOneMakesTheVerdictAnError() {
    byte[] good = Cms.detached(bytes(FIRED), List.of(EVE), Cms.noExtraAttributes());
    byte[] overOtherContent = Cms.detached(bytes(text("promoted")), List.of(MANAGER), Cms.noExtraAttributes());
    SecurityReport report = verifyFromManager(Cms.clearSigned(FIRED, Cms.joined(good, overOtherContent)));
    assertThat(report.signers()).extracting(SignerReport::email, SignerReport::signatureValid).containsExactly(
        org.assertj.core.groups.Tuple.tuple(java.util.Optional.of("eve@evil.example"), true),
        org.assertj.core.groups.Tuple.tuple(java.util.Optional.of("manager@example.org"), false));
    assertThat(report.has(ProblemCode.BAD_SIGNATURE)).isTrue();
    assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
  }

  @Test
  void twoGoodSignersAreBothReportedAndValid() {
    byte[] both = Cms.detached(bytes(FIRED), List.of(MANAGER, EVE), Cms.noExtraAttributes());
    SecurityReport report = verifyFromManager(Cms.clearSigned(FIRED, both));
    assertThat(report.signers()).hasSize(2).allSatisfy(s -> assertThat(s.signatureValid()).isTrue());
    assertThat(report.verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void noSignerInfosMeansNotSigned() {
    SecurityReport report = verifyFromManager(Cms.clearSigned(FIRED, Cms.withoutSigners(MANAGER)));
    assertThat(report.has(ProblemCode.NO_SIGNERS)).isTrue();
    assertThat(report.has(ProblemCode.NOT_SIGNED)).isTrue();
    assertThat(report.signers()).isEmpty();
    assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
  }

  @Test
  void aSignaturePartThatIsNoSignedDataIsMalformedNotACrash() {
    byte[] contentTypeOnly = java.util.Base64.getDecoder().decode("MAsGCSqGSIb3DQEHAg==");
    SecurityReport report = verifyFromManager(Cms.clearSigned(FIRED, contentTypeOnly));
    assertThat(report.has(ProblemCode.MALFORMED)).isTrue();
    assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
  }

  @Test
  void aSignedContentTypeThatDisagreesWithTheEncapsulatedTypeIsABadSignature() {
    byte[] lying = Cms.detached(bytes(FIRED), List.of(MANAGER), Cms.contentTypeClaimingSignedData());
    SecurityReport report = verifyFromManager(Cms.clearSigned(FIRED, lying));
    assertThat(report.has(ProblemCode.BAD_SIGNATURE)).isTrue();
    assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
  }

  @Test
  void aSignerCertificateWithoutEmailProtectionIsTheWrongKeyUsage() {
    DigitalId server = Cms.idWithUsage("manager@example.org", KeyUsage.digitalSignature,
        KeyPurposeId.id_kp_serverAuth);
    String mail = Cms.clearSigned(FIRED, Cms.detached(bytes(FIRED), List.of(server), Cms.noExtraAttributes()));
    SecurityReport report = verify(message(FROM_MANAGER, mail), List.of(server.certificate())).report();
    assertThat(report.has(ProblemCode.WRONG_KEY_USAGE)).isTrue();
    assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
  }

  @Test
  void aSignerCertificateWithoutDigitalSignatureIsTheWrongKeyUsage() {
    DigitalId agreeOnly = Cms.idWithUsage("manager@example.org", KeyUsage.keyAgreement,
        KeyPurposeId.id_kp_emailProtection);
    String mail = Cms.clearSigned(FIRED, Cms.detached(bytes(FIRED), List.of(agreeOnly), Cms.noExtraAttributes()));
    SecurityReport report = verify(message(FROM_MANAGER, mail), List.of(agreeOnly.certificate())).report();
    assertThat(report.has(ProblemCode.WRONG_KEY_USAGE)).isTrue();
    assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
  }
}
