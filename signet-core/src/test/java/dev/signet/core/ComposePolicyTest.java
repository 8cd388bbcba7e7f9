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
          assertThat(e.continuable()).isFalse();
        });
  }

  @Test
  void withoutContinueARecipientWithoutCertificateMayBeLeftOutIfThePersonChooses() {
    var none = new ComposeRequest.Recipient("carol@example.org", Optional.empty(), Set.of());
    assertThatThrownBy(() -> ComposePolicy.plan(request(false, true, false, rcpt(KeyKind.EC_P256), none), Policy.defaults()))
        .isInstanceOfSatisfying(PolicyViolationException.class, e -> assertThat(e.continuable()).isTrue());
  }

  @Test
  void noRecipientToContinueWithIsNotContinuable() {
    var none = new ComposeRequest.Recipient("carol@example.org", Optional.empty(), Set.of());
    assertThatThrownBy(() -> ComposePolicy.plan(request(false, true, false, none), Policy.defaults()))
        .isInstanceOfSatisfying(PolicyViolationException.class, e -> assertThat(e.continuable()).isFalse());
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
    SenderSettings settings = new SenderSettings(DigestAlgorithm.SHA_256, cipher, true, sender.certificate(), true, false);
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

  static Decision decision(ComposePlan plan, String subject) {
    return plan.decisions().stream().filter(d -> d.subject().equals(subject)).findFirst().orElseThrow();
  }

  // Issue 19: the organisation's cipher for recipients whose capabilities are unknown.

  @Test
  void theOrganisationsDefaultCipherGoesToRecipientsOfUnknownCapabilities() {
    ComposePlan plan = ComposePolicy.plan(request(false, true, false, rcpt(KeyKind.EC_P256)),
        policy("DefaultEncryptionCipher=AES-128-CBC"));

    assertThat(plan.cipher()).isEqualTo(ContentCipher.AES_128_CBC);
    assertThat(decision(plan, "cipher").toString()).isEqualTo("cipher: AES-128-CBC (DefaultEncryptionCipher: minimum"
        + " 128 bits (absent, default); no profile cipher; recipients' capabilities unknown, so the organisation's"
        + " DefaultEncryptionCipher)");
  }

  @Test
  void theProfilesCipherWinsOverTheOrganisationsDefault() {
    ComposePlan plan = ComposePolicy.plan(preferring(ContentCipher.AES_256_GCM, rcpt(KeyKind.EC_P256)),
        policy("DefaultEncryptionCipher=AES-128-CBC"));

    assertThat(plan.cipher()).isEqualTo(ContentCipher.AES_256_GCM);
    assertThat(decidedBy(plan, "cipher")).contains(PolicySetting.MIN_ENC_KEY);
  }

  @Test
  void theOrganisationsDefaultCipherIsStillBoundedByMinEncKey() {
    assertThatThrownBy(() -> ComposePolicy.plan(request(false, true, false, rcpt(KeyKind.EC_P256)),
        policy("DefaultEncryptionCipher=AES-128-CBC\nMinEncKey=168")))
        .isInstanceOf(PolicyViolationException.class).hasMessageContaining("no cipher of at least 168 bits");
  }

  @Test
  void withoutTheSettingRecipientsOfUnknownCapabilitiesGetAes128Gcm() {
    assertThat(ComposePolicy.plan(request(false, true, false, rcpt(KeyKind.EC_P256)), policy("")).cipher())
        .isEqualTo(ContentCipher.AES_128_GCM);
  }

  // Issue 16, defect 3: the profile's cipher, when recipients' capabilities are unknown.

  @Test
  void theProfilesCbcCipherIsUsedWhenTheRecipientsCapabilitiesAreUnknown() {
    ComposePlan plan = ComposePolicy.plan(preferring(ContentCipher.AES_256_CBC, rcpt(KeyKind.EC_P256)), policy(""));

    assertThat(plan.cipher()).isEqualTo(ContentCipher.AES_256_CBC);
    assertThat(decision(plan, "cipher").toString()).isEqualTo("cipher: AES-256-CBC (MinEncKey: minimum 128 bits"
        + " (absent, default); the sender's profile cipher; recipients' capabilities unknown)");
  }

  @Test
  void theProfilesCipherGivesWayToARecipientKnownNotToReadIt() {
    var gcmOnly = new ComposeRequest.Recipient(rcpt(KeyKind.RSA_3072).address(), rcpt(KeyKind.RSA_3072).certificate(),
        Set.of(ContentCipher.AES_128_GCM));
    DigitalId sender = id(KeyKind.RSA_2048);
    var request = new ComposeRequest(false, true, false, false, sender, new SenderSettings(DigestAlgorithm.SHA_256,
        ContentCipher.AES_256_CBC, true, sender.certificate(), true, false), List.of(rcpt(KeyKind.EC_P256), gcmOnly),
        Instant.now());

    ComposePlan plan = ComposePolicy.plan(request, policy(""));

    assertThat(plan.cipher()).isEqualTo(ContentCipher.AES_128_GCM);
    assertThat(decision(plan, "cipher").reason()).contains("not every recipient reads the profile's AES-256-CBC");
  }

  @Test
  void theProfilesCipherIsStillBoundedByMinEncKey() {
    ComposePlan plan = ComposePolicy.plan(preferring(ContentCipher.AES_128_CBC, rcpt(KeyKind.EC_P256)),
        policy("MinEncKey=168"));

    assertThat(plan.cipher()).isEqualTo(ContentCipher.AES_256_GCM);
    assertThat(decision(plan, "cipher").reason()).contains("the profile's AES-128-CBC is below the minimum")
        .contains("AES-256-GCM, as MinEncKey asks for more than 128 bits");
  }

  @Test
  void aSignatureAnnouncesTheProfilesCipherFirst() {
    DigitalId sender = id(KeyKind.RSA_2048);
    var request = new ComposeRequest(true, false, false, false, sender, new SenderSettings(DigestAlgorithm.SHA_256,
        ContentCipher.AES_256_CBC, true, sender.certificate(), true, false), List.of(), Instant.now());

    ComposePlan plan = ComposePolicy.plan(request, policy(""));

    assertThat(plan.announcedFirst()).contains(ContentCipher.AES_256_CBC);
    assertThat(plan.signOptions(sender).preferredCipher()).contains(ContentCipher.AES_256_CBC);
    var weak = new ComposeRequest(true, false, false, false, sender, new SenderSettings(DigestAlgorithm.SHA_256,
        ContentCipher.AES_128_CBC, true, sender.certificate(), true, false), List.of(), Instant.now());
    assertThat(ComposePolicy.plan(weak, policy("MinEncKey=168")).announcedFirst()).isEmpty();
  }

  // Defect 6: RequestSecureReceipt=1 signs every message, since the request travels in the signature.

  @Test
  void requestSecureReceipt1SignsAnEncryptedOnlyMessageAndSaysWhy() {
    ReceiptRequest prepared = ReceiptRequest.fresh(ReceiptRequest.From.all(), List.of("alice@example.org"),
        Instant.now(), new SecureRandom());
    var request = request(false, true, false, rcpt(KeyKind.EC_P256))
        .withEss(new ComposeRequest.Ess(false, Optional.of(prepared), Optional.empty()));

    ComposePlan plan = ComposePolicy.plan(request, policy("RequestSecureReceipt=1"));

    assertThat(plan.sign()).isTrue();
    assertThat(plan.encrypt()).isTrue();
    assertThat(plan.receiptRequest()).contains(prepared);
    assertThat(decision(plan, "sign").toString()).isEqualTo("sign: yes (RequestSecureReceipt: set to 1, every"
        + " outgoing message carries a receipt request, which travels only in a signature)");
    assertThat(ComposePolicy.plan(request, policy("RequestSecureReceipt=0")).sign()).isFalse();
  }

  @Test
  void forceSecurityLabelXNamesItselfAsTheReasonForSigning() {
    String label = java.util.HexFormat.of().formatHex(new SecurityLabel(dev.signet.core.internal.ExampleCorpPolicy.POLICY,
        java.util.OptionalInt.of(3), Optional.empty(), List.of()).toDer());

    ComposePlan plan = ComposePolicy.plan(request(false, false, false), policy("ForceSecurityLabelX=" + label));

    assertThat(plan.sign()).isTrue();
    assertThat(decidedBy(plan, "sign")).contains(PolicySetting.FORCE_SECURITY_LABEL_X);
  }

  // Defect 7: labels the security policy module rejects are refused before sending.

  static SecurityLabel example(int classification, String... compartments) {
    String policy = dev.signet.core.internal.ExampleCorpPolicy.POLICY;
    return new SecurityLabel(policy, java.util.OptionalInt.of(classification), Optional.empty(),
        java.util.Arrays.stream(compartments).map(c -> SecurityLabel.Category.text(policy + ".1", c)).toList());
  }

  static ComposeRequest labelled(SecurityLabel label) {
    return request(true, false, false).withEss(new ComposeRequest.Ess(false, Optional.empty(), Optional.of(label)));
  }

  @Test
  void aForcedLabelTheModuleRejectsIsRefusedWithTheModulesReason() {
    String bad = java.util.HexFormat.of().formatHex(example(9).toDer());

    assertThatThrownBy(() -> ComposePolicy.plan(request(true, false, false), policy("ForceSecurityLabelX=" + bad)))
        .isInstanceOfSatisfying(PolicyViolationException.class, e -> {
          assertThat(e.setting()).isEqualTo(PolicySetting.FORCE_SECURITY_LABEL_X);
          assertThat(e.getMessage()).isEqualTo("ForceSecurityLabelX: the organisation's label CLASSIFICATION 9 is not"
              + " valid under Example Corp information classification: classification 9 is not one of PUBLIC (1),"
              + " INTERNAL (2), CONFIDENTIAL (3), SECRET (4)");
        });
  }

  @Test
  void thePersonsLabelWithACompartmentTheModuleLacksIsRefusedWithTheModulesReason() {
    assertThatThrownBy(() -> ComposePolicy.plan(labelled(example(3, "MARKETING")), Policy.defaults()))
        .isInstanceOf(PolicyViolationException.class)
        .hasMessageStartingWith("security label: the label CONFIDENTIAL; " + dev.signet.core.internal.ExampleCorpPolicy.COMPARTMENT
            + "=MARKETING is not valid under Example Corp information classification: unknown compartment")
        .hasMessageContaining("known: FINANCE, HR, LEGAL, RESEARCH");
  }

  @Test
  void aLabelTheModuleAllowsTravelsAndTheDecisionNamesTheModule() {
    ComposePlan plan = ComposePolicy.plan(labelled(example(3, "FINANCE")), Policy.defaults());

    assertThat(plan.securityLabel()).contains(example(3, "FINANCE"));
    assertThat(decision(plan, "security label").toString()).isEqualTo("security label: CONFIDENTIAL FINANCE (the"
        + " person's choice; valid under Example Corp information classification)");
  }

  @Test
  void aLabelUnderAPolicyNoModuleKnowsTravelsUncheckedAndTheDecisionSaysSo() {
    SecurityLabel foreign = new SecurityLabel("1.2.3.4", java.util.OptionalInt.of(9), Optional.of("PARTNER"), List.of());

    ComposePlan plan = ComposePolicy.plan(labelled(foreign), policy("ForceSecurityLabel=1"));

    assertThat(plan.securityLabel()).contains(foreign);
    assertThat(decision(plan, "security label").reason())
        .contains("its security policy 1.2.3.4 is unknown here (no module installed), so it goes unchecked");
  }

  @Test
  void labelsAreJudgedByTheModulesGiven() {
    SecurityLabel nine = example(9);

    assertThat(ComposePolicy.plan(labelled(nine), Policy.defaults(), SecurityPolicies.of(List.of())).securityLabel())
        .contains(nine);
  }

  // Defect 8: requiredCA compared as an X.500 name, written as people copy it from tools.

  @ParameterizedTest(name = "requiredCA={0}")
  @CsvSource(delimiter = '|', value = {
      "CN=Signet Test Intermediate CA,O=Signet Test PKI,C=NL",
      "C=NL,O=Signet Test PKI,CN=Signet Test Intermediate CA",
      "cn=signet test intermediate ca, o=SIGNET TEST PKI, c=nl",
      "CN =  Signet  Test Intermediate CA ,O = Signet Test PKI , C = NL",
      "issuer=CN = Signet Test Intermediate CA, O = Signet Test PKI, C = NL",
      "subject=C = NL, O = Signet Test PKI, CN = Signet Test Intermediate CA",
      "/CN=Signet Test Intermediate CA/O=Signet Test PKI/C=NL",
      "2.5.4.3=Signet Test Intermediate CA,2.5.4.10=Signet Test PKI,2.5.4.6=NL"})
  void requiredCaMatchesTheIssuerWrittenAsToolsPrintIt(String name) {
    ComposePlan plan = ComposePolicy.plan(request(true, true, false, rcpt(KeyKind.EC_P256)), policy("requiredCA=" + name));

    assertThat(plan.encryptTo()).contains(PKI.identity(KeyKind.EC_P256).certificate());
  }

  @ParameterizedTest(name = "requiredCA={0}")
  @CsvSource(delimiter = '|', value = {"CN=Signet Test Intermediate CA,O=Signet Test PKI",
      "CN=Signet Test Root CA,O=Signet Test PKI,C=NL", "CN=Signet Test Intermediate CA,O=Signet Test PKI,C=DE"})
  void requiredCaRefusesOtherNames(String name) {
    assertThatThrownBy(() -> ComposePolicy.plan(request(true, false, false), policy("requiredCA=" + name)))
        .isInstanceOfSatisfying(PolicyViolationException.class, e -> assertThat(e.setting()).isEqualTo(PolicySetting.REQUIRED_CA));
  }
}
