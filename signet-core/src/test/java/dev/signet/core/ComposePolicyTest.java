package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.testkit.TestPki;
import dev.signet.testkit.TestPki.KeyKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The send-side settings of POLICY.md, one decision each, as a pure function of request and policy. */
class ComposePolicyTest {
  static final TestPki PKI = TestPki.get();

  static DigitalId id(KeyKind kind) {
    return DigitalId.of(PKI.identity(kind).privateKey(), PKI.identity(kind).chain());
  }

  static ComposeRequest.Recipient rcpt(KeyKind kind) {
    return new ComposeRequest.Recipient(PKI.identity(kind).email(), Optional.of(PKI.identity(kind).certificate()), Set.of());
  }

  static ComposeRequest request(boolean sign, boolean encrypt, boolean opaque, ComposeRequest.Recipient... to) {
    return new ComposeRequest(sign, encrypt, opaque, false, id(KeyKind.RSA_2048), List.of(to), Instant.now());
  }

  static Policy policy(String text) {
    try {
      return Policy.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.txt");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Optional<PolicySetting> decidedBy(ComposePlan plan, String subject) {
    return plan.decisions().stream().filter(d -> d.subject().equals(subject)).findFirst().orElseThrow().setting();
  }

  @ParameterizedTest(name = "AlwaysSign={0}, asked {1}: signs {2}")
  @CsvSource({"1, false, true", "0, false, false", "0, true, true", "'', false, false", "'', true, true"})
  void alwaysSign(String value, boolean asked, boolean signs) {
    ComposePlan plan = ComposePolicy.plan(request(asked, false, false), policy(value.isEmpty() ? "" : "AlwaysSign=" + value));
    assertThat(plan.sign()).isEqualTo(signs);
    assertThat(decidedBy(plan, "sign")).isEqualTo(value.equals("1") ? Optional.of(PolicySetting.ALWAYS_SIGN) : Optional.empty());
  }

  @ParameterizedTest(name = "AlwaysEncrypt={0}, asked {1}: encrypts {2}")
  @CsvSource({"1, false, true", "0, false, false", "0, true, true", "'', false, false"})
  void alwaysEncrypt(String value, boolean asked, boolean encrypts) {
    ComposePlan plan = ComposePolicy.plan(request(false, asked, false, rcpt(KeyKind.EC_P256)),
        policy(value.isEmpty() ? "" : "AlwaysEncrypt=" + value));
    assertThat(plan.encrypt()).isEqualTo(encrypts);
  }

  @ParameterizedTest(name = "ClearSign={0}, opaque asked {1}: {2}")
  @CsvSource({"1, true, CLEAR", "0, false, OPAQUE", "'', true, OPAQUE", "'', false, CLEAR"})
  void clearSign(String value, boolean opaque, Layer.SignedFormat format) {
    ComposePlan plan = ComposePolicy.plan(request(true, false, opaque), policy(value.isEmpty() ? "" : "ClearSign=" + value));
    assertThat(plan.format()).isEqualTo(format);
  }

  @ParameterizedTest(name = "MinEncKey={0}: {1}")
  @CsvSource({"40, AES_128_GCM", "64, AES_128_GCM", "128, AES_128_GCM", "168, AES_256_GCM", "'', AES_128_GCM"})
  void minEncKeyWithUnknownCapabilities(String value, ContentCipher cipher) {
    ComposePlan plan = ComposePolicy.plan(request(false, true, false, rcpt(KeyKind.EC_P256)),
        policy(value.isEmpty() ? "" : "MinEncKey=" + value));
    assertThat(plan.cipher()).isEqualTo(cipher);
    assertThat(decidedBy(plan, "cipher")).contains(PolicySetting.MIN_ENC_KEY);
  }

  @Test
  void theStrongestCipherEveryRecipientReads() {
    var a = new ComposeRequest.Recipient(PKI.identity(KeyKind.EC_P256).email(),
        Optional.of(PKI.identity(KeyKind.EC_P256).certificate()), Set.of(ContentCipher.AES_256_CBC, ContentCipher.AES_128_GCM));
    var b = new ComposeRequest.Recipient(PKI.identity(KeyKind.RSA_3072).email(),
        Optional.of(PKI.identity(KeyKind.RSA_3072).certificate()), Set.of(ContentCipher.AES_256_CBC));
    assertThat(ComposePolicy.plan(request(false, true, false, a, b), Policy.defaults()).cipher())
        .isEqualTo(ContentCipher.AES_256_CBC);
  }

  @Test
  void minEncKeyRefusesWhenNoRecipientCipherIsStrongEnough() {
    var a = new ComposeRequest.Recipient(PKI.identity(KeyKind.EC_P256).email(),
        Optional.of(PKI.identity(KeyKind.EC_P256).certificate()), Set.of(ContentCipher.AES_128_GCM));
    assertThatThrownBy(() -> ComposePolicy.plan(request(false, true, false, a), policy("MinEncKey=168")))
        .isInstanceOf(PolicyViolationException.class).hasMessageContaining("MinEncKey");
  }

  @Test
  void theSenderCanReadTheSentCopy() {
    ComposePlan plan = ComposePolicy.plan(request(false, true, false, rcpt(KeyKind.EC_P256)), Policy.defaults());
    assertThat(plan.encryptTo()).containsExactly(PKI.identity(KeyKind.EC_P256).certificate(),
        PKI.identity(KeyKind.RSA_2048).certificate());
  }

  @Test
  void disableContinueEncryption1RefusesNamingTheRecipient() {
    var none = new ComposeRequest.Recipient("carol@example.org", Optional.empty(), Set.of());
    var req = new ComposeRequest(false, true, false, true, id(KeyKind.RSA_2048), List.of(rcpt(KeyKind.EC_P256), none), Instant.now());
    assertThatThrownBy(() -> ComposePolicy.plan(req, policy("DisableContinueEncryption=1")))
        .isInstanceOfSatisfying(PolicyViolationException.class, e -> {
          assertThat(e.refused()).containsExactly("carol@example.org");
          assertThat(e.setting()).isEqualTo(PolicySetting.DISABLE_CONTINUE_ENCRYPTION);
        });
  }

  @ParameterizedTest(name = "DisableContinueEncryption={0}, continue asked: encrypts to the others")
  @CsvSource({"0", "''"})
  void disableContinueEncryption0ContinuesWhenAsked(String value) {
    var none = new ComposeRequest.Recipient("carol@example.org", Optional.empty(), Set.of());
    var req = new ComposeRequest(false, true, false, true, id(KeyKind.RSA_2048), List.of(rcpt(KeyKind.EC_P256), none), Instant.now());
    ComposePlan plan = ComposePolicy.plan(req, policy(value.isEmpty() ? "" : "DisableContinueEncryption=" + value));
    assertThat(plan.cannotRead()).containsExactly("carol@example.org");
    assertThat(plan.encryptTo()).contains(PKI.identity(KeyKind.EC_P256).certificate());
  }

  @Test
  void withoutContinueARecipientWithoutCertificateStopsTheSend() {
    var none = new ComposeRequest.Recipient("carol@example.org", Optional.empty(), Set.of());
    assertThatThrownBy(() -> ComposePolicy.plan(request(false, true, false, rcpt(KeyKind.EC_P256), none), policy("AlwaysEncrypt=1")))
        .isInstanceOf(PolicyViolationException.class).hasMessageContaining("carol@example.org");
  }

  @Test
  void fipsModeRefusesAnEd25519Signer() {
    var req = new ComposeRequest(true, false, false, false, id(KeyKind.ED25519), List.of(), Instant.now());
    assertThatThrownBy(() -> ComposePolicy.plan(req, policy("FIPSMode=1")))
        .isInstanceOf(PolicyViolationException.class).hasMessageContaining("FIPSMode").hasMessageContaining("Ed25519");
    assertThat(ComposePolicy.plan(req, policy("FIPSMode=0")).sign()).isTrue();
  }

  @Test
  void fipsModeRefusesX25519RecipientsAndUsesOaep() {
    assertThatThrownBy(() -> ComposePolicy.plan(request(false, true, false, rcpt(KeyKind.X25519)), policy("FIPSMode=1")))
        .isInstanceOf(PolicyViolationException.class).hasMessageContaining(PKI.identity(KeyKind.X25519).email());
    ComposePlan fips = ComposePolicy.plan(request(false, true, false, rcpt(KeyKind.RSA_3072)), policy("FIPSMode=1"));
    assertThat(fips.keyTransport()).isEqualTo(KeyTransport.RSA_OAEP);
    assertThat(ComposePolicy.plan(request(false, true, false, rcpt(KeyKind.X25519)), policy("FIPSMode=0")).keyTransport())
        .isEqualTo(KeyTransport.RSA_PKCS1_V1_5);
  }

  @Test
  void requiredCaAcceptsItsCertificatesAndRefusesOthersByName() {
    String ca = "requiredCA=" + PKI.intermediate().getSubjectX500Principal().getName();
    assertThat(ComposePolicy.plan(request(true, true, false, rcpt(KeyKind.EC_P256)), policy(ca)).encrypt()).isTrue();
    DigitalId stranger = DigitalId.selfSigned("dave@example.org", "Dave", KeyType.RSA_2048, Clock.systemUTC(), new SecureRandom());
    var dave = new ComposeRequest.Recipient("dave@example.org", Optional.of(stranger.certificate()), Set.of());
    assertThatThrownBy(() -> ComposePolicy.plan(request(false, true, false, dave), policy(ca)))
        .isInstanceOf(PolicyViolationException.class).hasMessageContaining("dave@example.org");
    var ownRequest = new ComposeRequest(true, false, false, false, stranger, List.of(), Instant.now());
    assertThatThrownBy(() -> ComposePolicy.plan(ownRequest, policy(ca)))
        .isInstanceOfSatisfying(PolicyViolationException.class, e -> assertThat(e.setting()).isEqualTo(PolicySetting.REQUIRED_CA));
  }

  @Test
  void enrollPageUrlIsExpandedAndEncoded() {
    assertThat(EnrollmentUrl.expand("https://ca.example/enroll?n=%1&e=%2&cp=%3", "Ann Lee", "ann+x@example.org",
        java.util.Locale.ENGLISH)).isEqualTo("https://ca.example/enroll?n=Ann%20Lee&e=ann%2Bx%40example.org&cp=1252");
    assertThat(EnrollmentUrl.codePage(java.util.Locale.JAPANESE)).isEqualTo(932);
  }

  static ComposeRequest preferring(ContentCipher cipher, ComposeRequest.Recipient to) {
    DigitalId sender = id(KeyKind.RSA_2048);
    SenderSettings settings = new SenderSettings(DigestAlgorithm.SHA_256, cipher, true, sender.certificate());
    return new ComposeRequest(false, true, false, false, sender, settings, List.of(to), Instant.now());
  }

  @Test
  void thePreferredCipherIsTakenWhenEveryRecipientReadsIt() {
    var known = new ComposeRequest.Recipient(rcpt(KeyKind.EC_P256).address(), rcpt(KeyKind.EC_P256).certificate(),
        Set.of(ContentCipher.AES_128_GCM, ContentCipher.AES_256_CBC));
    assertThat(ComposePolicy.plan(preferring(ContentCipher.AES_256_CBC, known), policy("")).cipher())
        .isEqualTo(ContentCipher.AES_256_CBC);
  }

  @Test
  void aPreferredGcmCipherIsTakenForRecipientsOfUnknownCapabilities() {
    assertThat(ComposePolicy.plan(preferring(ContentCipher.AES_256_GCM, rcpt(KeyKind.EC_P256)), policy("")).cipher())
        .isEqualTo(ContentCipher.AES_256_GCM);
  }

  @Test
  void thePreferredCipherGivesWayToMinEncKey() {
    assertThat(ComposePolicy.plan(preferring(ContentCipher.AES_128_GCM, rcpt(KeyKind.EC_P256)), policy("MinEncKey=168"))
        .cipher()).isEqualTo(ContentCipher.AES_256_GCM);
  }
}
