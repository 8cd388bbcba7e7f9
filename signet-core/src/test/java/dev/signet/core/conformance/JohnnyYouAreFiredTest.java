package dev.signet.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.Certificates;
import dev.signet.core.ProblemCode;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.SignerReport;
import dev.signet.core.Smime;
import dev.signet.core.Verdict;
import dev.signet.testkit.SharedTestData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The S/MIME mails of "Johnny, You Are Fired" (USENIX Security 2019), read in place from
 * ../shared/testdata/johnny-you-are-fired, judged in 2020 (inside the certificates' 2019-02-14 to
 * 2022-02-14 validity) with the included GlobalSign intermediate as the trust anchor.
 */
class JohnnyYouAreFiredTest {
  private static final Smime SMIME = Smime.withDefaults()
      .withClock(Clock.fixed(Instant.parse("2020-06-01T12:00:00Z"), ZoneOffset.UTC));

  private static Path corpus() {
    return SharedTestData.folder("johnny-you-are-fired");
  }

  /**
   * The report, revocation aside: the corpus's GlobalSign certificates name a CRL and an OCSP responder
   * that a test, offline, cannot ask, and NO_CRL is not what these cases judge.
   */
  private static SecurityReport verify(String relative) throws IOException {
    SecurityReport report = read(relative);
    return new SecurityReport(report.layers(), report.signers(),
        report.problems().stream().filter(p -> p.code() != ProblemCode.NO_CRL).toList());
  }

  private static SecurityReport read(String relative) throws IOException {
    Path root = corpus();
    List<X509Certificate> anchor;
    try (InputStream in = Files.newInputStream(root.resolve("assets/certificates/intermediate_ca.crt"))) {
      anchor = Certificates.read(in);
    }
    try (InputStream mail = Files.newInputStream(root.resolve(relative))) {
      return SMIME.read(mail, ReadOptions.verify(anchor), OutputStream.nullOutputStream());
    }
  }

  private static boolean validFromManager(SecurityReport report) {
    return report.verdict() == Verdict.VALID && report.signers().stream()
        .anyMatch(s -> s.signatureValid() && s.email().orElse("").startsWith("manager@"));
  }

  static Stream<String> attackMails() throws IOException {
    Path root = corpus();
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> p.toString().endsWith(".eml") && !p.toString().contains("pgp"))
          .filter(p -> !p.startsWith(root.resolve("assets")) && !p.endsWith("valid_email_from_manager.eml"))
          .map(p -> root.relativize(p).toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0} is valid from its signer")
  @ValueSource(strings = {"01-cms/valid_email_from_manager.eml", "assets/valid-signed/manager-smime.eml",
      "assets/valid-signed/eve-smime.eml"})
  void theGenuineMailsAreValidFromTheirSigner(String mail) throws IOException {
    SecurityReport report = verify(mail);
    assertThat(report.verdict()).as(report.problems().toString()).isEqualTo(Verdict.VALID);
    String who = mail.contains("eve") ? "eve@bigcorporation.de" : "manager@bigcorporation.de";
    assertThat(report.signers()).singleElement().extracting(SignerReport::email).isEqualTo(java.util.Optional.of(who));
  }

  @ParameterizedTest(name = "{0} is never a valid signature from manager@")
  @MethodSource("attackMails")
  void noAttackMailIsEverAValidSignatureFromTheManager(String mail) throws IOException {
    assertThat(validFromManager(verify(mail))).isFalse();
  }

  @ParameterizedTest(name = "CMS eContent confusion {0} never shows the displayed text as signed")
  @ValueSource(strings = {"01-cms/c1_eContent-confusion/eContent_confusion.eml",
      "01-cms/c1_eContent-confusion/eContent_confusion_refinement.eml"})
  void eContentConfusionIsABadSignature(String mail) throws IOException {
    SecurityReport report = verify(mail);
    assertThat(report.has(ProblemCode.BAD_SIGNATURE)).isTrue();
    assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
  }

  @ParameterizedTest(name = "CMS multiple signerInfos {0}: each signer judged, the bad one an error")
  @ValueSource(strings = {"01-cms/c2_multiple-signerInfos/multiple_signerInfos_append_johnny.eml",
      "01-cms/c2_multiple-signerInfos/multiple_signerInfos_prepend_johnny.eml"})
  void multipleSignerInfosAreJudgedOneByOne(String mail) throws IOException {
    SecurityReport report = verify(mail);
    assertThat(report.signers()).hasSize(2);
    assertThat(report.signers()).filteredOn(SignerReport::signatureValid).singleElement()
        .extracting(SignerReport::email).isEqualTo(java.util.Optional.of("eve@bigcorporation.de"));
    assertThat(report.has(ProblemCode.BAD_SIGNATURE)).isTrue();
    assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
  }

  @ParameterizedTest(name = "CMS no signerInfos {0} is not signed")
  @ValueSource(strings = {"01-cms/c3_no-signerInfos/no_signerInfos_detached.eml",
      "01-cms/c3_no-signerInfos/no certificates/no_signerInfos_no_certificates_detached.eml"})
  void noSignerInfosIsNotSigned(String mail) throws IOException {
    SecurityReport report = verify(mail);
    assertThat(report.has(ProblemCode.NOT_SIGNED)).isTrue();
    assertThat(report.signers()).isEmpty();
    assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
  }

  @ParameterizedTest(name = "the crash case {0} is a clean MALFORMED")
  @ValueSource(strings = "01-cms/crashes/crash_01.eml")
  void theCrashCaseIsMalformed(String mail) throws IOException {
    SecurityReport report = verify(mail);
    assertThat(report.has(ProblemCode.MALFORMED)).isTrue();
    assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
  }

  @ParameterizedTest(name = "MIME wrapping {0} is partially signed")
  @ValueSource(strings = {"03-mime/m1-prepending-text/m1-smime.eml", "03-mime/m2-hiding-with-html/m2-smime-mix.eml",
      "03-mime/m3-hiding-in-reference/m3-smime.eml", "03-mime/m4-hiding-as-attachment/m4-smime.eml"})
  void mimeWrappingIsPartiallySigned(String mail) throws IOException {
    SecurityReport report = verify(mail);
    assertThat(report.has(ProblemCode.PARTIALLY_SIGNED)).isTrue();
    assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
  }

  static Stream<String> idMails() throws IOException {
    return attackMails().filter(m -> m.startsWith("04-id"));
  }

  @ParameterizedTest(name = "ID class {0} is a From mismatch")
  @MethodSource("idMails")
  void idClassMailsAreFromMismatches(String mail) throws IOException {
    SecurityReport report = verify(mail);
    assertThat(report.has(ProblemCode.FROM_MISMATCH)).isTrue();
    assertThat(report.signers()).singleElement().extracting(SignerReport::email)
        .isEqualTo(java.util.Optional.of("eve@bigcorporation.de"));
  }

  @ParameterizedTest(name = "UI redressing {0} is not signed")
  @ValueSource(strings = "05-ui/u1-ui-redressing/u1-generic.eml")
  void uiRedressingIsNotSigned(String mail) throws IOException {
    assertThat(verify(mail).has(ProblemCode.NOT_SIGNED)).isTrue();
  }
}
