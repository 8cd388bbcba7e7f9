package dev.signet.core.interop;

import static dev.signet.core.interop.Interop.BODY;
import static dev.signet.core.interop.Interop.files;
import static dev.signet.core.interop.Interop.message;
import static dev.signet.core.interop.Interop.openssl;
import static dev.signet.core.interop.Interop.replaceFirst;
import static dev.signet.core.interop.Interop.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigestAlgorithm;
import dev.signet.core.Layer.SignedFormat;
import dev.signet.core.SignOptions;
import dev.signet.core.SignatureScheme;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import dev.signet.testkit.TestPki.KeyKind;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code openssl cms -verify} accepts what Signet signs, chained to the test root, and rejects it altered. */
class OpenSslVerifiesSignetSignaturesTest {
  @TempDir static Path dir;

  @BeforeAll
  static void requireOpenSsl() {
    ExternalTool.OPENSSL.require();
  }

  /** A signer's key and how it signs. */
  enum Signer {
    RSA_PKCS1_SHA256(KeyKind.RSA_2048, DigestAlgorithm.SHA_256, SignatureScheme.RSA_PKCS1_V1_5),
    RSA_PKCS1_SHA384(KeyKind.RSA_2048, DigestAlgorithm.SHA_384, SignatureScheme.RSA_PKCS1_V1_5),
    RSA_PKCS1_SHA512(KeyKind.RSA_3072, DigestAlgorithm.SHA_512, SignatureScheme.RSA_PKCS1_V1_5),
    RSA_PSS_SHA256(KeyKind.RSA_2048, DigestAlgorithm.SHA_256, SignatureScheme.RSA_PSS),
    RSA_PSS_SHA512(KeyKind.RSA_3072, DigestAlgorithm.SHA_512, SignatureScheme.RSA_PSS),
    ECDSA_P256_SHA256(KeyKind.EC_P256, DigestAlgorithm.SHA_256, SignatureScheme.RSA_PKCS1_V1_5),
    ECDSA_P384_SHA384(KeyKind.EC_P384, DigestAlgorithm.SHA_384, SignatureScheme.RSA_PKCS1_V1_5),
    ECDSA_P521_SHA512(KeyKind.EC_P521, DigestAlgorithm.SHA_512, SignatureScheme.RSA_PKCS1_V1_5);

    final KeyKind key;
    final DigestAlgorithm digest;
    final SignatureScheme scheme;

    Signer(KeyKind key, DigestAlgorithm digest, SignatureScheme scheme) {
      this.key = key;
      this.digest = digest;
      this.scheme = scheme;
    }

    SignOptions options(SignedFormat format) {
      return SignOptions.defaults(Interop.digitalId(key)).withDigest(digest).withScheme(scheme).withFormat(format);
    }
  }

  static Stream<Arguments> signersAndFormats() {
    return Arrays.stream(Signer.values())
        .flatMap(s -> Stream.of(Arguments.of(s, SignedFormat.CLEAR), Arguments.of(s, SignedFormat.OPAQUE)));
  }

  @ParameterizedTest(name = "OpenSSL verifies a Signet {1} signature made with {0}")
  @MethodSource("signersAndFormats")
  void opensslVerifiesSignetSignature(Signer signer, SignedFormat format) {
    byte[] signed = sign(message(signer.key, KeyKind.RSA_3072), signer.options(format));

    ProcessRunner.Result r = verify(signer.key, signed);

    assertThat(r.exitCode()).as("openssl cms -verify:\n%s", r.stderr()).isZero();
    assertThat(r.stderr()).contains("Verification successful");
    assertThat(r.stdoutText()).contains("Content-Type: text/plain").contains(BODY);
  }

  /**
   * A text with a CR that ends no line (old Mac line endings) goes out quoted-printable with that CR as =0D:
   * written bare before, it held for Signet and failed for OpenSSL, which reads a CR before a line break as
   * part of it.
   */
  @ParameterizedTest(name = "OpenSSL verifies a Signet signature over text with a bare CR {0}")
  @ValueSource(strings = {"at the end", "inside a line"})
  void opensslVerifiesASignatureOverTextWithABareCr(String where) {
    String body = where.equals("at the end") ? "old Mac text\rits second line\r" : "a line\rwith a CR inside\r\n";
    byte[] message = replaceFirst(message(KeyKind.RSA_2048, KeyKind.RSA_3072), BODY, body);
    byte[] signed = sign(message, Signer.RSA_PKCS1_SHA256.options(SignedFormat.CLEAR));

    ProcessRunner.Result r = verify(KeyKind.RSA_2048, signed);

    assertThat(new String(signed, java.nio.charset.StandardCharsets.US_ASCII)).contains("=0D");
    assertThat(r.exitCode()).as("openssl cms -verify:\n%s", r.stderr()).isZero();
  }

  @Test
  void opensslRejectsASignetClearSignedMessageWhoseBodyWasAltered() {
    byte[] signed = sign(message(KeyKind.RSA_2048, KeyKind.RSA_3072),
        Signer.RSA_PKCS1_SHA256.options(SignedFormat.CLEAR));
    byte[] tampered = replaceFirst(signed, "quarterly figures", "quarterly fiddles");

    ProcessRunner.Result r = verify(KeyKind.RSA_2048, tampered);

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("Verification failure").contains("content verify error");
  }

  /**
   * OpenSSL 3.0 and 3.1 cannot process Ed25519 in CMS at all (RFC 8419 support arrived in 3.2): they
   * pass SHA-512 to the EdDSA provider, which refuses any digest. Later versions verify.
   */
  @ParameterizedTest(name = "OpenSSL verifies a Signet {0} Ed25519 signature from version 3.2 on, and refuses it before")
  @EnumSource(value = SignedFormat.class, names = {"CLEAR", "OPAQUE"})
  void opensslVerifiesEd25519SignaturesOnlyFromVersion32(SignedFormat format) {
    byte[] signed = sign(message(KeyKind.ED25519, KeyKind.RSA_3072),
        SignOptions.defaults(Interop.digitalId(KeyKind.ED25519)).withFormat(format));

    ProcessRunner.Result r = verify(KeyKind.ED25519, signed);

    if (Interop.opensslAtLeast(3, 2)) {
      assertThat(r.exitCode()).as("openssl cms -verify:\n%s", r.stderr()).isZero();
    } else {
      assertThat(r.exitCode()).isNotZero();
      assertThat(r.stderr()).contains("eddsa_digest_signverify_init:invalid digest");
    }
  }

  @Test
  void opensslRejectsASignetSignatureWhenTheRootIsNotTrusted() {
    byte[] signed = sign(message(KeyKind.EC_P256, KeyKind.RSA_3072), Signer.ECDSA_P256_SHA256.options(SignedFormat.CLEAR));
    Path otherAnchor = files(dir, KeyKind.RSA_3072).cert();

    ProcessRunner.Result r = openssl(dir, signed, "cms", "-verify", "-CAfile", otherAnchor.toString(),
        "-purpose", "smimesign");

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("unable to get local issuer certificate");
  }

  private static ProcessRunner.Result verify(KeyKind signer, byte[] signed) {
    Interop.PkiFiles f = files(dir, signer);
    return openssl(dir, signed, "cms", "-verify", "-CAfile", f.root().toString(), "-purpose", "smimesign");
  }
}
