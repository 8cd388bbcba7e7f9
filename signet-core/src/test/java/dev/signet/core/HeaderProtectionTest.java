package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.cms.CMSAlgorithm;
import org.junit.jupiter.api.Test;

/**
 * Header protection (RFC 9788): compose carries the header fields inside the cryptographic envelope,
 * the outside of encrypted mail shows {@code Subject: [...]}, and reading shows and reports the
 * protected values, Thunderbird's {@code protected-headers="v1"} included.
 */
class HeaderProtectionTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final DigitalId ALICE =
      DigitalId.selfSigned("alice@example.org", "Alice", KeyType.EC_P256, Clock.systemUTC(), RANDOM);
  private static final DigitalId BOB =
      DigitalId.selfSigned("bob@example.org", "Bob", KeyType.RSA_2048, Clock.systemUTC(), RANDOM);
  private static final Smime SMIME = Smime.withDefaults();
  private static final String SUBJECT = "Merger with FooCorp: figures";

  /** A message dated now, as a mail program stamps it when sending (its signing time agrees). */
  private static byte[] message(String body) {
    String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
        java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
    return ("From: Alice <alice@example.org>\r\nTo: Bob <bob@example.org>\r\nSubject: " + SUBJECT + "\r\n"
        + "Date: " + date + "\r\nMessage-ID: <hp-1@example.org>\r\n"
        + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
  }

  private static ComposeRequest request(boolean sign, boolean encrypt, SenderSettings settings) {
    var bob = new ComposeRequest.Recipient("bob@example.org", Optional.of(BOB.certificate()), Set.of());
    return new ComposeRequest(sign, encrypt, false, false, ALICE, settings, List.of(bob), Instant.now());
  }

  private static String compose(ComposePlan plan) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SMIME.compose(new ByteArrayInputStream(message("The figures are in.\r\n")), plan, ALICE, out);
    return out.toString(StandardCharsets.US_ASCII);
  }

  private static String compose(boolean sign, boolean encrypt) throws IOException {
    return compose(ComposePolicy.plan(request(sign, encrypt, SenderSettings.of(ALICE)), Policy.defaults()));
  }

  private static String outerHeader(String mail) {
    return mail.substring(0, mail.indexOf("\r\n\r\n") + 2);
  }

  private record Read(SecurityReport report, String content) {}

  private static Read read(String mail, ReadOptions options) throws IOException {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    SecurityReport report = SMIME.read(new ByteArrayInputStream(mail.getBytes(StandardCharsets.ISO_8859_1)),
        options, content);
    return new Read(report, content.toString(StandardCharsets.ISO_8859_1));
  }

  private static ReadOptions bobReads() {
    return ReadOptions.readAll(List.of(BOB), List.of(ALICE.certificate()));
  }

  private static String decrypted(String mail) throws IOException {
    return read(mail, ReadOptions.decrypt(List.of(BOB))).content();
  }

  @Test
  void encryptedMailShowsAnObscuredSubjectOutside() throws IOException {
    String outer = outerHeader(compose(true, true));
    assertThat(outer).contains("Subject: [...]\r\n").doesNotContain(SUBJECT).contains("From: Alice <alice@example.org>");
  }

  @Test
  void encryptedMailCarriesTheHeaderFieldsInsideMarkedCipherWithWhatTheOutsideShows() throws IOException {
    String inside = decrypted(compose(false, true));
    assertThat(inside).contains("hp=\"cipher\"").contains("Subject: " + SUBJECT + "\r\n")
        .contains("Message-ID: <hp-1@example.org>\r\n").contains("HP-Outer: Subject: [...]\r\n")
        .contains("HP-Outer: From: Alice <alice@example.org>\r\n");
  }

  @Test
  void encryptedMailOpensItsBodyWithALegacyDisplayOfTheHiddenSubject() throws IOException {
    String inside = decrypted(compose(false, true));
    assertThat(inside).contains("hp-legacy-display=\"1\"").contains("\r\n\r\nSubject: " + SUBJECT + "\r\n\r\nThe figures");
  }

  @Test
  void signedOnlyMailCarriesTheHeaderFieldsInsideMarkedClearAndKeepsTheSubjectOutside() throws IOException {
    String mail = compose(true, false);
    assertThat(outerHeader(mail)).contains("Subject: " + SUBJECT);
    String signedPart = mail.substring(mail.indexOf("Content-Type: text/plain"));
    assertThat(signedPart).contains("hp=\"clear\"").contains("Subject: " + SUBJECT).doesNotContain("HP-Outer")
        .doesNotContain("hp-legacy-display");
  }

  @Test
  void aProfileThatKeepsTheSubjectVisibleShowsItOutsideEncryptedMail() throws IOException {
    String mail = compose(ComposePolicy.plan(request(true, true, SenderSettings.of(ALICE).withSubjectVisible(true)),
        Policy.defaults()));
    assertThat(outerHeader(mail)).contains("Subject: " + SUBJECT);
    assertThat(decrypted(mail)).doesNotContain("hp-legacy-display");
  }

  @Test
  void policyShowEncryptedSubjectKeepsTheSubjectVisibleAndSaysSo() throws IOException {
    Policy policy = Policy.read(new ByteArrayInputStream("ShowEncryptedSubject=1\n".getBytes(StandardCharsets.US_ASCII)),
        "policy.txt");
    ComposePlan plan = ComposePolicy.plan(request(true, true, SenderSettings.of(ALICE)), policy);
    assertThat(plan.confidentiality()).isEqualTo(HeaderConfidentiality.NO_CONFIDENTIALITY);
    assertThat(plan.decisions()).anySatisfy(d ->
        assertThat(d.setting()).contains(PolicySetting.SHOW_ENCRYPTED_SUBJECT));
    assertThat(outerHeader(compose(plan))).contains("Subject: " + SUBJECT);
  }

  @Test
  void readingEncryptedMailShowsAndReportsTheTrueSubjectThoughTheOutsideSaysObscured() throws IOException {
    Read read = read(compose(true, true), bobReads());
    assertThat(read.report().protectedHeaders()).hasValueSatisfying(p -> {
      assertThat(p.scheme()).isEqualTo(ProtectedHeaders.Scheme.HP_CIPHER);
      assertThat(p.subject()).contains(SUBJECT);
      assertThat(p.value("From")).contains("Alice <alice@example.org>");
    });
    assertThat(outerHeader(read.content())).contains("Subject: " + SUBJECT).doesNotContain("[...]");
    assertThat(read.report().verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void readingLeavesOutTheLegacyDisplayAProtectedHeaderReaderDoesNotNeed() throws IOException {
    String content = read(compose(true, true), bobReads()).content();
    assertThat(content).doesNotContain("hp-legacy-display").contains("\r\n\r\nThe figures are in.");
    assertThat(content.indexOf("Subject: " + SUBJECT)).isEqualTo(content.lastIndexOf("Subject: " + SUBJECT));
  }

  @Test
  void aSubjectChangedOutsideASignedMessageIsAWarningAndTheProtectedOneIsShown() throws IOException {
    String altered = compose(true, false).replaceFirst("Subject: " + SUBJECT, "Subject: Wire the money today");
    Read read = read(altered, ReadOptions.verify(List.of(ALICE.certificate())));
    assertThat(read.report().has(ProblemCode.PROTECTED_HEADER_MISMATCH)).isTrue();
    assertThat(read.report().verdict()).isEqualTo(Verdict.WARNING);
    assertThat(outerHeader(read.content())).contains("Subject: " + SUBJECT).doesNotContain("Wire the money");
  }

  @Test
  void aFromChangedOutsideEncryptedMailDisagreesWithWhatHpOuterRecorded() throws IOException {
    String altered = compose(true, true).replaceFirst("From: Alice <alice@example.org>", "From: Mallory <alice@example.org>");
    SecurityReport report = read(altered, bobReads()).report();
    assertThat(report.problems()).filteredOn(p -> p.code() == ProblemCode.PROTECTED_HEADER_MISMATCH)
        .singleElement().satisfies(p -> assertThat(p.message()).contains("From").contains("Mallory"));
  }

  @Test
  void aThunderbirdMessageWithProtectedHeadersV1ReadsWithItsProtectedSubject() throws Exception {
    Read read = read(thunderbirdEncrypted(), ReadOptions.readAll(List.of(BOB), List.of()));
    assertThat(read.report().protectedHeaders()).hasValueSatisfying(p -> {
      assertThat(p.scheme()).isEqualTo(ProtectedHeaders.Scheme.LEGACY_V1);
      assertThat(p.subject()).contains(SUBJECT);
    });
    assertThat(outerHeader(read.content())).contains("Subject: " + SUBJECT).doesNotContain("Subject: ...");
    assertThat(read.report().has(ProblemCode.PROTECTED_HEADER_MISMATCH)).isFalse();
  }

  /**
   * Encrypted as Thunderbird sends it: "..." outside; inside, the root multipart/mixed marked
   * protected-headers="v1" carries From, To, Message-ID and the Subject.
   */
  private static String thunderbirdEncrypted() throws Exception {
    String payload = "Content-Type: multipart/mixed; boundary=\"------------tb0123\";\r\n protected-headers=\"v1\"\r\n"
        + "From: Alice <alice@example.org>\r\nTo: Bob <bob@example.org>\r\nMessage-ID: <tb-1@example.org>\r\n"
        + "Subject: " + SUBJECT + "\r\n\r\nThis is a multi-part message in MIME format.\r\n"
        + "--------------tb0123\r\nContent-Type: text/plain; charset=UTF-8; format=flowed\r\n"
        + "Content-Transfer-Encoding: 7bit\r\n\r\nThe figures are in.\r\n\r\n--------------tb0123--\r\n";
    CMSEnvelopedDataGenerator gen = new CMSEnvelopedDataGenerator();
    gen.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(BOB.certificate()));
    byte[] der = gen.generate(new CMSProcessableByteArray(payload.getBytes(StandardCharsets.US_ASCII)),
        new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).build()).getEncoded();
    return "Message-ID: <tb-1@example.org>\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
        + "User-Agent: Mozilla Thunderbird\r\nSubject: ...\r\nFrom: Alice <alice@example.org>\r\n"
        + "To: Bob <bob@example.org>\r\nContent-Type: application/pkcs7-mime; name=\"smime.p7m\"; smime-type=enveloped-data\r\n"
        + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"smime.p7m\"\r\n"
        + "Content-Description: S/MIME Encrypted Message\r\n\r\n" + Base64.getMimeEncoder().encodeToString(der) + "\r\n";
  }
}
