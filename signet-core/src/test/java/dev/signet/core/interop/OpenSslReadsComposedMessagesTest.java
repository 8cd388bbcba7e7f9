package dev.signet.core.interop;

import static dev.signet.core.interop.Interop.digitalId;
import static dev.signet.core.interop.Interop.files;
import static dev.signet.core.interop.Interop.id;
import static dev.signet.core.interop.Interop.message;
import static dev.signet.core.interop.Interop.opensslOk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.ComposePlan;
import dev.signet.core.ComposePolicy;
import dev.signet.core.ComposeRequest;
import dev.signet.core.ContentCipher;
import dev.signet.core.DigestAlgorithm;
import dev.signet.core.DigitalId;
import dev.signet.core.Policy;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.SenderSettings;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.TestPki.KeyKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What compose writes under each send-side setting, as OpenSSL sees it: it verifies, decrypts, and shows the cipher. */
class OpenSslReadsComposedMessagesTest {
  @TempDir static Path dir;

  @BeforeAll
  static void requireOpenSsl() {
    ExternalTool.OPENSSL.require();
  }

  static byte[] compose(boolean sign, boolean encrypt, boolean opaque, String policy, KeyKind to) throws IOException {
    DigitalId sender = digitalId(KeyKind.RSA_2048);
    var rcpt = new ComposeRequest.Recipient(id(to).email(), Optional.of(id(to).certificate()), Set.of());
    ComposePlan plan = ComposePolicy.plan(new ComposeRequest(sign, encrypt, opaque, false, sender, List.of(rcpt), Instant.now()),
        Policy.read(new ByteArrayInputStream(policy.getBytes(StandardCharsets.UTF_8)), "test.txt"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Interop.smime().compose(new ByteArrayInputStream(message(KeyKind.RSA_2048, to)), plan, sender, out);
    return out.toByteArray();
  }

  static String decrypt(KeyKind who, byte[] mail) {
    Interop.PkiFiles f = files(dir, who);
    return new String(opensslOk(dir, mail, "cms", "-decrypt", "-recip", f.certArg(), "-inkey", f.keyArg()),
        StandardCharsets.US_ASCII);
  }

  static String verify(byte[] mail) {
    return new String(opensslOk(dir, mail, "cms", "-verify", "-CAfile", files(dir, KeyKind.RSA_2048).root().toString()),
        StandardCharsets.US_ASCII);
  }

  static String printed(byte[] mail) {
    return new String(opensslOk(dir, mail, "cms", "-cmsout", "-print", "-inform", "SMIME"), StandardCharsets.US_ASCII);
  }

  @ParameterizedTest(name = "AlwaysSign={0}: OpenSSL verifies the signature")
  @CsvSource({"AlwaysSign=1, false", "AlwaysSign=0, true"})
  void alwaysSignOrAsked(String policy, boolean asked) throws IOException {
    assertThat(verify(compose(asked, false, false, policy, KeyKind.EC_P256))).contains(Interop.BODY.substring(0, 20));
  }

  @ParameterizedTest(name = "{0}: the signed message is {1}")
  @CsvSource({"ClearSign=1, true, multipart/signed", "ClearSign=0, false, application/pkcs7-mime"})
  void clearSign(String policy, boolean opaqueAsked, String contentType) throws IOException {
    byte[] mail = compose(true, false, opaqueAsked, policy, KeyKind.EC_P256);
    assertThat(new String(mail, StandardCharsets.US_ASCII)).contains("Content-Type: " + contentType);
    verify(mail);
  }

  @ParameterizedTest(name = "AlwaysEncrypt=1 with {0}: recipient and sender decrypt, cipher {1}")
  @CsvSource({"MinEncKey=128, aes-128-gcm", "MinEncKey=168, aes-256-gcm", "MinEncKey=40, aes-128-gcm"})
  void alwaysEncryptAndMinEncKey(String policy, String cipher) throws IOException {
    byte[] mail = compose(false, false, false, "AlwaysEncrypt=1\n" + policy, KeyKind.EC_P256);
    assertThat(printed(mail)).contains(cipher);
    assertThat(decrypt(KeyKind.EC_P256, mail)).contains("quarterly figures");
    assertThat(decrypt(KeyKind.RSA_2048, mail)).contains("quarterly figures");
  }

  @Test
  void fipsModeSignsAndEncryptsWithOaep() throws IOException {
    byte[] mail = compose(true, true, false, "FIPSMode=1", KeyKind.RSA_3072);
    assertThat(printed(mail)).contains("rsaesOaep");
    byte[] signed = decrypt(KeyKind.RSA_3072, mail).getBytes(StandardCharsets.US_ASCII);
    verify(signed);
    decrypt(KeyKind.RSA_2048, mail);
  }

  @Test
  void requiredCaSendsToItsCertificates() throws IOException {
    String ca = "requiredCA=" + Interop.PKI.intermediate().getSubjectX500Principal().getName();
    byte[] mail = compose(true, true, false, ca, KeyKind.EC_P384);
    verify(decrypt(KeyKind.EC_P384, mail).getBytes(StandardCharsets.US_ASCII));
  }

  /** Issue 16, defect 3: a profile's AES-256-CBC reaches a recipient whose capabilities are unknown, and is announced first. */
  @Test
  void theProfilesCipherEncryptsToARecipientOfUnknownCapabilitiesAndLeadsTheAnnouncedOnes() throws IOException {
    DigitalId sender = digitalId(KeyKind.RSA_2048);
    var rcpt = new ComposeRequest.Recipient(id(KeyKind.EC_P256).email(), Optional.of(id(KeyKind.EC_P256).certificate()),
        Set.of());
    var settings =
        new SenderSettings(DigestAlgorithm.SHA_256, ContentCipher.AES_256_CBC, true, sender.certificate(), true, false);
    ComposePlan plan = ComposePolicy.plan(new ComposeRequest(true, true, false, false, sender, settings, List.of(rcpt),
        Instant.now()), Policy.defaults());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Interop.smime().compose(new ByteArrayInputStream(message(KeyKind.RSA_2048, KeyKind.EC_P256)), plan, sender, out);

    assertThat(printed(out.toByteArray())).contains("envelopedData").contains("aes-256-cbc");
    byte[] signed = decrypt(KeyKind.EC_P256, out.toByteArray()).getBytes(StandardCharsets.US_ASCII);
    verify(signed);
    SecurityReport report = Interop.smime().read(new ByteArrayInputStream(signed),
        ReadOptions.verify(Interop.PKI.anchors()), OutputStream.nullOutputStream());
    assertThat(report.signers().get(0).capabilities()).containsExactly(ContentCipher.AES_256_CBC,
        ContentCipher.AES_256_GCM, ContentCipher.AES_128_GCM, ContentCipher.AES_128_CBC);
  }

  /** RFC 9788: the protected header fields are content to OpenSSL; the signature over them verifies. */
  @Test
  void signedOnlyMailWithProtectedHeadersVerifies() throws IOException {
    String content = verify(compose(true, false, false, "", KeyKind.EC_P256));
    assertThat(content).contains("hp=\"clear\"").contains("Subject: Interop fixture").contains("quarterly figures");
  }

  /** RFC 9788: Subject: [...] outside; inside, what OpenSSL decrypts carries the true one and verifies. */
  @Test
  void encryptedMailWithProtectedHeadersDecryptsAndVerifies() throws IOException {
    byte[] mail = compose(true, true, false, "", KeyKind.EC_P256);
    assertThat(new String(mail, StandardCharsets.US_ASCII)).contains("Subject: [...]").doesNotContain("Interop fixture");
    byte[] signed = decrypt(KeyKind.EC_P256, mail).getBytes(StandardCharsets.US_ASCII);
    assertThat(verify(signed)).contains("hp=\"cipher\"").contains("Subject: Interop fixture")
        .contains("HP-Outer: Subject: [...]").contains("quarterly figures");
  }
}
