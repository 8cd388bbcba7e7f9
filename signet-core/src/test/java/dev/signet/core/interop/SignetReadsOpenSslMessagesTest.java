package dev.signet.core.interop;

import static dev.signet.core.interop.Interop.BODY;
import static dev.signet.core.interop.Interop.PKI;
import static dev.signet.core.interop.Interop.digitalId;
import static dev.signet.core.interop.Interop.entity;
import static dev.signet.core.interop.Interop.files;
import static dev.signet.core.interop.Interop.id;
import static dev.signet.core.interop.Interop.openssl;
import static dev.signet.core.interop.Interop.opensslOk;
import static dev.signet.core.interop.Interop.read;
import static dev.signet.core.interop.Interop.replaceFirst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.ContentCipher;
import dev.signet.core.DecryptionFailedException;
import dev.signet.core.Layer;
import dev.signet.core.ProblemCode;
import dev.signet.core.ReadOptions;
import dev.signet.core.SignerReport;
import dev.signet.core.Verdict;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import dev.signet.testkit.TestPki.KeyKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Signet verifies and decrypts what {@code openssl cms} writes, and rejects it when altered. */
class SignetReadsOpenSslMessagesTest {
  @TempDir static Path dir;

  @BeforeAll
  static void requireOpenSsl() {
    ExternalTool.OPENSSL.require();
  }

  /** A signer's key, digest and padding as given to {@code openssl cms -sign}. */
  enum OpenSslSigner {
    RSA_PKCS1_SHA256(KeyKind.RSA_2048, "sha256"),
    RSA_PKCS1_SHA384(KeyKind.RSA_2048, "sha384"),
    RSA_PKCS1_SHA512(KeyKind.RSA_3072, "sha512"),
    RSA_PSS_SHA256(KeyKind.RSA_2048, "sha256", "-keyopt", "rsa_padding_mode:pss"),
    RSA_PSS_SHA384(KeyKind.RSA_3072, "sha384", "-keyopt", "rsa_padding_mode:pss"),
    ECDSA_P256_SHA256(KeyKind.EC_P256, "sha256"),
    ECDSA_P384_SHA384(KeyKind.EC_P384, "sha384"),
    ECDSA_P521_SHA512(KeyKind.EC_P521, "sha512");

    final KeyKind key;
    final String md;
    final List<String> keyOptions;

    OpenSslSigner(KeyKind key, String md, String... keyOptions) {
      this.key = key;
      this.md = md;
      this.keyOptions = List.of(keyOptions);
    }
  }

  enum Detachment {
    DETACHED_MULTIPART_SIGNED,
    NODETACH_OPAQUE
  }

  static Stream<Arguments> signersAndDetachment() {
    return Stream.of(OpenSslSigner.values())
        .flatMap(s -> Stream.of(Detachment.values()).map(d -> Arguments.of(s, d)));
  }

  @ParameterizedTest(name = "Signet verifies an OpenSSL {1} message signed with {0}")
  @MethodSource("signersAndDetachment")
  void signetVerifiesOpenSslSignature(OpenSslSigner signer, Detachment detachment) throws IOException {
    byte[] signed = opensslSign(signer, detachment, "SMIME");

    Interop.Read r = read(signed, ReadOptions.verify(PKI.anchors()));

    assertThat(r.report().layers()).containsExactly(new Layer.Signed(
        detachment == Detachment.NODETACH_OPAQUE ? Layer.SignedFormat.OPAQUE : Layer.SignedFormat.CLEAR));
    assertGoodSignatureBy(r, signer.key);
    assertThat(r.report().verdict()).as("problems: %s", r.report().problems()).isEqualTo(Verdict.VALID);
    assertThat(r.content()).contains("From: Sender <" + id(signer.key).email() + ">").endsWith(BODY);
  }

  @ParameterizedTest(name = "Signet verifies bare {0} CMS SignedData with encapsulated content from OpenSSL")
  @EnumSource(value = BareForm.class)
  void signetVerifiesBareOpenSslSignedData(BareForm form) throws IOException {
    byte[] signed = opensslSign(OpenSslSigner.ECDSA_P256_SHA256, Detachment.NODETACH_OPAQUE, form.name());

    Interop.Read r = read(signed, ReadOptions.verify(PKI.anchors()));

    assertGoodSignatureBy(r, KeyKind.EC_P256);
    assertThat(r.report().has(ProblemCode.BAD_SIGNATURE)).isFalse();
    assertThat(r.content()).endsWith(BODY);
  }

  @ParameterizedTest(name = "Signet verifies a bare {0} detached OpenSSL signature given the content separately")
  @EnumSource(value = BareForm.class)
  void signetVerifiesBareDetachedOpenSslSignature(BareForm form) throws IOException {
    byte[] signature = opensslSign(OpenSslSigner.RSA_PKCS1_SHA256, Detachment.DETACHED_MULTIPART_SIGNED, form.name());

    Interop.Read r = read(signature, ReadOptions.verify(PKI.anchors())
        .withDetachedContent(new ByteArrayInputStream(entity())));

    assertGoodSignatureBy(r, KeyKind.RSA_2048);
    assertThat(r.report().has(ProblemCode.BAD_SIGNATURE)).isFalse();
  }

  enum BareForm {
    DER,
    PEM
  }

  @Test
  void signetReportsABadSignatureOnAnOpenSslClearSignedMessageWhoseBodyWasAltered() throws IOException {
    byte[] signed = opensslSign(OpenSslSigner.RSA_PKCS1_SHA256, Detachment.DETACHED_MULTIPART_SIGNED, "SMIME");
    byte[] tampered = replaceFirst(signed, "quarterly figures", "quarterly fiddles");

    Interop.Read r = read(tampered, ReadOptions.verify(PKI.anchors()));

    assertThat(r.report().has(ProblemCode.BAD_SIGNATURE)).isTrue();
    assertThat(r.report().verdict()).isEqualTo(Verdict.ERROR);
    assertThat(r.report().signers()).extracting(SignerReport::signatureValid).containsExactly(false);
  }

  /**
   * OpenSSL 3.0 and 3.1 cannot sign with Ed25519 in CMS: without -md there is "no default digest",
   * with -md sha512 the EdDSA provider refuses the digest. From 3.2 on Signet must verify the result.
   */
  @Test
  void signetVerifiesOpenSslEd25519SignaturesWhereOpenSslCanMakeThem() throws IOException {
    Interop.PkiFiles f = files(dir, KeyKind.ED25519);
    ProcessRunner.Result r = openssl(dir, entity(), "cms", "-sign", "-signer", f.certArg(), "-inkey", f.keyArg(),
        "-certfile", f.intermediate().toString(), "-from", id(KeyKind.ED25519).email(), "-subject", "Ed25519");

    if (!Interop.opensslAtLeast(3, 2)) {
      assertThat(r.exitCode()).isNotZero();
      assertThat(r.stderr()).contains("no default digest");
      return;
    }
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertGoodSignatureBy(read(r.stdout(), ReadOptions.verify(PKI.anchors())), KeyKind.ED25519);
  }

  // ---------------------------------------------------------------------------------------------
  // Encryption

  /** A recipient's key and the options {@code openssl cms -encrypt} gets for it. */
  enum OpenSslRecipient {
    RSA_PKCS1_V1_5(KeyKind.RSA_2048),
    RSA_OAEP(KeyKind.RSA_3072, "-keyopt", "rsa_padding_mode:oaep"),
    ECDH_P256(KeyKind.EC_P256),
    ECDH_P384(KeyKind.EC_P384),
    ECDH_P521(KeyKind.EC_P521);

    final KeyKind key;
    final List<String> keyOptions;

    OpenSslRecipient(KeyKind key, String... keyOptions) {
      this.key = key;
      this.keyOptions = List.of(keyOptions);
    }
  }

  /** The cipher options of {@code openssl cms -encrypt} and what Signet must report for each. */
  enum OpenSslCipher {
    AES_128_GCM("-aes-128-gcm", ContentCipher.AES_128_GCM),
    AES_256_GCM("-aes-256-gcm", ContentCipher.AES_256_GCM),
    AES_128_CBC("-aes-128-cbc", ContentCipher.AES_128_CBC),
    AES_256_CBC("-aes-256-cbc", ContentCipher.AES_256_CBC);

    final String option;
    final ContentCipher cipher;

    OpenSslCipher(String option, ContentCipher cipher) {
      this.option = option;
      this.cipher = cipher;
    }
  }

  static Stream<Arguments> ciphersAndRecipients() {
    return Stream.of(OpenSslCipher.values())
        .flatMap(c -> Stream.of(OpenSslRecipient.values()).map(r -> Arguments.of(c, r)));
  }

  @ParameterizedTest(name = "Signet decrypts an OpenSSL {0} message whose key travels by {1}")
  @MethodSource("ciphersAndRecipients")
  void signetDecryptsOpenSslMessage(OpenSslCipher cipher, OpenSslRecipient recipient) throws IOException {
    byte[] encrypted = opensslEncrypt(entity(), cipher, recipient, "SMIME");

    Interop.Read r = read(encrypted, ReadOptions.decrypt(List.of(digitalId(recipient.key))));

    assertThat(r.report().layers()).containsExactly(new Layer.Encrypted(cipher.cipher));
    assertThat(r.content()).contains("To: Recipient <" + id(recipient.key).email() + ">").endsWith(BODY);
  }

  /**
   * OpenSSL 3.0 cannot encrypt to an X25519 certificate in CMS: it treats the key as a key-transport
   * key and stops with "operation not supported for this keytype". There is nothing for Signet to read.
   */
  @Test
  void openssl30RefusesToEncryptToAnX25519Recipient() {
    Assumptions.assumeFalse(Interop.opensslAtLeast(3, 1), "documents the behaviour of OpenSSL 3.0");
    Interop.PkiFiles f = files(dir, KeyKind.X25519);

    ProcessRunner.Result r = openssl(dir, entity(), "cms", "-encrypt", "-aes-128-cbc", f.certArg());

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("operation not supported for this keytype");
  }

  @ParameterizedTest(name = "Signet decrypts bare {0} CMS EnvelopedData from OpenSSL")
  @EnumSource(value = BareForm.class)
  void signetDecryptsBareOpenSslEnvelopedData(BareForm form) throws IOException {
    byte[] encrypted = opensslEncrypt(entity(), OpenSslCipher.AES_256_CBC, OpenSslRecipient.RSA_PKCS1_V1_5,
        form.name());

    Interop.Read r = read(encrypted, ReadOptions.decrypt(List.of(digitalId(KeyKind.RSA_2048))));

    assertThat(r.report().layers()).containsExactly(new Layer.Encrypted(ContentCipher.AES_256_CBC));
    assertThat(r.content()).endsWith(BODY);
  }

  @Test
  void signetRefusesAnOpenSslAesGcmMessageWhoseCiphertextWasAltered() {
    byte[] der = opensslEncrypt(entity(), OpenSslCipher.AES_256_GCM, OpenSslRecipient.RSA_PKCS1_V1_5, "DER");
    // OpenSSL writes definite-length DER with no authenticated attributes, so AuthEnvelopedData ends
    // with the 16-byte MAC (04 10 ...) right after the ciphertext: flip a byte just before it.
    assertThat(new byte[] {der[der.length - 18], der[der.length - 17]}).containsExactly(0x04, 0x10);
    der[der.length - 30] ^= 0x01;

    assertThatThrownBy(() -> read(der, ReadOptions.decrypt(List.of(digitalId(KeyKind.RSA_2048)))))
        .isInstanceOf(DecryptionFailedException.class);
  }

  @ParameterizedTest(name = "Signet decrypts and verifies an OpenSSL message signed by {0}, then encrypted with {1}")
  @MethodSource("signThenEncryptCases")
  void signetReadsOpenSslSignThenEncrypt(OpenSslSigner signer, OpenSslCipher cipher) throws IOException {
    Interop.PkiFiles s = files(dir, signer.key);
    byte[] signedEntity = opensslOk(dir, entity(), "cms", "-sign", "-signer", s.certArg(), "-inkey", s.keyArg(),
        "-certfile", s.intermediate().toString(), "-md", signer.md);
    byte[] encrypted = opensslEncrypt(signedEntity, cipher, OpenSslRecipient.RSA_PKCS1_V1_5, "SMIME",
        "-from", "Sender <" + id(signer.key).email() + ">");

    Interop.Read r = read(encrypted,
        ReadOptions.readAll(List.of(digitalId(KeyKind.RSA_2048)), PKI.anchors()));

    assertThat(r.report().layers())
        .containsExactly(new Layer.Encrypted(cipher.cipher), new Layer.Signed(Layer.SignedFormat.CLEAR));
    assertGoodSignatureBy(r, signer.key);
    assertThat(r.report().verdict()).as("problems: %s", r.report().problems()).isEqualTo(Verdict.VALID);
    assertThat(r.content()).endsWith(BODY);
  }

  static Stream<Arguments> signThenEncryptCases() {
    return Stream.of(
        Arguments.of(OpenSslSigner.RSA_PKCS1_SHA256, OpenSslCipher.AES_256_GCM),
        Arguments.of(OpenSslSigner.ECDSA_P384_SHA384, OpenSslCipher.AES_128_CBC));
  }

  // ---------------------------------------------------------------------------------------------

  private static void assertGoodSignatureBy(Interop.Read r, KeyKind signer) {
    assertThat(r.report().signers()).hasSize(1);
    SignerReport s = r.report().signers().get(0);
    assertThat(s.signatureValid()).as("problems: %s", r.report().problems()).isTrue();
    assertThat(s.trust()).as("problems: %s", r.report().problems()).isEqualTo(SignerReport.Trust.TRUSTED);
    assertThat(s.email()).contains(id(signer).email());
  }

  private static byte[] opensslSign(OpenSslSigner signer, Detachment detachment, String outform) {
    Interop.PkiFiles f = files(dir, signer.key);
    List<String> args = new ArrayList<>(List.of("cms", "-sign", "-signer", f.certArg(), "-inkey", f.keyArg()));
    args.addAll(signer.keyOptions);
    args.addAll(List.of("-certfile", f.intermediate().toString(), "-md", signer.md, "-outform", outform));
    if (detachment == Detachment.NODETACH_OPAQUE) {
      args.add("-nodetach");
    }
    if (outform.equals("SMIME")) {
      args.addAll(List.of("-from", "Sender <" + id(signer.key).email() + ">",
          "-to", "Recipient <" + id(KeyKind.RSA_3072).email() + ">", "-subject", "Interop fixture"));
    }
    return opensslOk(dir, entity(), args.toArray(new String[0]));
  }

  private static byte[] opensslEncrypt(byte[] content, OpenSslCipher cipher, OpenSslRecipient recipient,
      String outform, String... headers) {
    Interop.PkiFiles f = files(dir, recipient.key);
    List<String> args = new ArrayList<>(List.of("cms", "-encrypt", cipher.option, "-outform", outform));
    args.addAll(List.of(headers));
    if (outform.equals("SMIME")) {
      args.addAll(List.of("-to", "Recipient <" + id(recipient.key).email() + ">", "-subject", "Interop fixture"));
    }
    args.addAll(List.of("-recip", f.certArg()));
    args.addAll(recipient.keyOptions);
    return opensslOk(dir, content, args.toArray(new String[0]));
  }
}
