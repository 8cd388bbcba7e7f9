package dev.signet.core.interop;

import static dev.signet.core.interop.Interop.BODY;
import static dev.signet.core.interop.Interop.PKI;
import static dev.signet.core.interop.Interop.cmsDer;
import static dev.signet.core.interop.Interop.digitalId;
import static dev.signet.core.interop.Interop.encrypt;
import static dev.signet.core.interop.Interop.entity;
import static dev.signet.core.interop.Interop.id;
import static dev.signet.core.interop.Interop.message;
import static dev.signet.core.interop.Interop.read;
import static dev.signet.core.interop.Interop.readAllBytes;
import static dev.signet.core.interop.Interop.sign;
import static dev.signet.core.interop.Interop.signedPart;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.ContentCipher;
import dev.signet.core.DigestAlgorithm;
import dev.signet.core.EncryptOptions;
import dev.signet.core.KeyTransport;
import dev.signet.core.Layer;
import dev.signet.core.ProblemCode;
import dev.signet.core.ReadOptions;
import dev.signet.core.SignOptions;
import dev.signet.core.SignatureScheme;
import dev.signet.core.SignerReport;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import dev.signet.testkit.TestPki;
import dev.signet.testkit.TestPki.KeyKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Interop with GnuPG's gpgsm, which works on bare CMS (DER or PEM), not MIME. A throwaway GNUPGHOME
 * trusts the test root, skips CRL checks and holds the RSA-2048 identity's key (imported as
 * PKCS#12; gpgsm 2.2 reads only the legacy 3DES/SHA-1 form).
 */
class GpgsmInteropTest {
  private static final String PASSPHRASE = "interop-passphrase";
  private static final KeyKind KEY = KeyKind.RSA_2048;

  @TempDir static Path work;
  private static Path home;

  @BeforeAll
  static void createGnupgHome() throws IOException {
    ExternalTool.GPGSM.require();
    home = Files.createDirectory(work.resolve("gnupg"), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
    Files.writeString(home.resolve("gpgsm.conf"), "disable-crl-checks\n");
    Files.writeString(home.resolve("gpg-agent.conf"), "allow-loopback-pinentry\n");
    Files.writeString(home.resolve("trustlist.txt"), TestPki.sha1Fingerprint(PKI.root()) + " S relax\n");
    Path cas = TestPki.writeCertificatesPem(work.resolve("cas.pem"), List.of(PKI.root(), PKI.intermediate()));
    ok(gpgsm(new byte[0], "--import", cas.toString()));
    assertThat(importKey(3).stderr()).contains("secret keys imported: 1");
  }

  /**
   * Imports the identity's key as a fresh legacy PKCS#12, up to {@code tries} times: gpgsm 2.2 now and then
   * decrypts a key bag to garbage ("data error at shrouded_key_bag.decrypted-text"), and a file with
   * other salts imports.
   */
  private static ProcessRunner.Result importKey(int tries) throws IOException {
    ProcessRunner.Result imported = null;
    for (int i = 0; i < tries && (imported == null || imported.exitCode() != 0); i++) {
      Path p12 = TestPki.writePkcs12(work.resolve("key-" + i + ".p12"), id(KEY), PASSPHRASE.toCharArray(),
          TestPki.Pkcs12Protection.LEGACY_3DES_SHA1);
      imported = gpgsm(passphrase(), "--pinentry-mode", "loopback", "--passphrase-fd", "0", "--import", p12.toString());
    }
    return ok(imported);
  }

  @AfterAll
  static void stopAgent() {
    if (home != null) {
      ProcessRunner.run(work, Map.of("GNUPGHOME", home.toString()), new byte[0], List.of("gpgconf", "--kill", "all"));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // gpgsm reads Signet

  @ParameterizedTest(name = "gpgsm verifies a Signet clear signature (RSA PKCS#1 v1.5, {0}) over the signed part")
  @EnumSource(value = DigestAlgorithm.class, names = {"SHA_256", "SHA_384", "SHA_512"})
  void gpgsmVerifiesSignetClearSignature(DigestAlgorithm digest) {
    byte[] signed = sign(message(KEY, KeyKind.RSA_3072), SignOptions.defaults(digitalId(KEY)).withDigest(digest));

    ProcessRunner.Result r = gpgsmVerify(cmsDer(signed), signedPart(signed));

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdoutText()).contains("[GNUPG:] GOODSIG").contains("[GNUPG:] VALIDSIG");
    assertThat(r.stderr()).contains("aka \"" + id(KEY).email() + "\"");
  }

  @Test
  void gpgsmVerifiesASignetOpaqueSignatureAndRecoversTheSignedEntity() throws IOException {
    byte[] signed = sign(message(KEY, KeyKind.RSA_3072),
        SignOptions.defaults(digitalId(KEY)).withFormat(Layer.SignedFormat.OPAQUE));
    Path out = work.resolve("opaque.out");

    ProcessRunner.Result r = gpgsm(new byte[0], "--status-fd", "1", "--output", out.toString(), "--verify",
        file("opaque.der", cmsDer(signed)).toString());

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdoutText()).contains("[GNUPG:] GOODSIG").contains("[GNUPG:] VALIDSIG");
    assertThat(Files.readString(out)).startsWith("Content-Type: text/plain").endsWith(BODY);
  }

  @Test
  void gpgsmReportsABadSignatureOnASignetSignedPartThatWasAltered() {
    byte[] signed = sign(message(KEY, KeyKind.RSA_3072), SignOptions.defaults(digitalId(KEY)));
    byte[] altered = Interop.replaceFirst(signedPart(signed), "quarterly figures", "quarterly fiddles");

    ProcessRunner.Result r = gpgsmVerify(cmsDer(signed), altered);

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stdoutText()).contains("[GNUPG:] BADSIG").doesNotContain("GOODSIG");
  }

  /** Signet signatures other than RSA PKCS#1 v1.5 that gpgsm 2.2 verifies. */
  enum OtherSigner {
    RSA_PSS_SHA256(KeyKind.RSA_2048, SignatureScheme.RSA_PSS, DigestAlgorithm.SHA_256),
    ECDSA_P256_SHA256(KeyKind.EC_P256, SignatureScheme.RSA_PKCS1_V1_5, DigestAlgorithm.SHA_256),
    /** gpgsm insists on a digest as long as the curve: SHA-256 on P-384 exits 2 ("not valid for a 384 bit ECC key"). */
    ECDSA_P384_SHA384(KeyKind.EC_P384, SignatureScheme.RSA_PKCS1_V1_5, DigestAlgorithm.SHA_384);

    final KeyKind key;
    final SignatureScheme scheme;
    final DigestAlgorithm digest;

    OtherSigner(KeyKind key, SignatureScheme scheme, DigestAlgorithm digest) {
      this.key = key;
      this.scheme = scheme;
      this.digest = digest;
    }
  }

  @ParameterizedTest(name = "gpgsm verifies a Signet clear signature made with {0}")
  @EnumSource(OtherSigner.class)
  void gpgsmVerifiesSignetSignaturesBeyondRsaPkcs1(OtherSigner signer) {
    byte[] signed = sign(message(signer.key, KeyKind.RSA_3072),
        SignOptions.defaults(digitalId(signer.key)).withScheme(signer.scheme).withDigest(signer.digest));

    ProcessRunner.Result r = gpgsmVerify(cmsDer(signed), signedPart(signed));

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdoutText()).contains("[GNUPG:] GOODSIG").contains("[GNUPG:] VALIDSIG");
  }

  /**
   * gpgsm 2.2 cannot verify Ed25519 in CMS (RFC 8419): it hands the SHA-512 digest to its DSA code
   * path and reports BADSIG ("DSA requires the hash length to be a multiple of 8 bits").
   */
  @Test
  void gpgsm22ReportsBadSigOnASignetEd25519SignatureItCannotVerify() {
    assumeGpgsm22();
    byte[] signed = sign(message(KeyKind.ED25519, KeyKind.RSA_3072), SignOptions.defaults(digitalId(KeyKind.ED25519)));

    ProcessRunner.Result r = gpgsmVerify(cmsDer(signed), signedPart(signed));

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stdoutText()).contains("[GNUPG:] BADSIG");
    assertThat(r.stderr()).contains("DSA requires the hash length to be a multiple of 8 bits");
  }

  @ParameterizedTest(name = "gpgsm decrypts a Signet {0} EnvelopedData with RSA PKCS#1 v1.5 key transport")
  @EnumSource(value = ContentCipher.class, names = {"AES_128_CBC", "AES_256_CBC"})
  void gpgsmDecryptsSignetEnvelopedData(ContentCipher cipher) throws IOException {
    byte[] encrypted = encrypt(message(KeyKind.RSA_3072, KEY),
        EncryptOptions.defaults(List.of(id(KEY).certificate())).withCipher(cipher)
            .withKeyTransport(KeyTransport.RSA_PKCS1_V1_5));

    ProcessRunner.Result r = gpgsmDecrypt(cmsDer(encrypted));

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdoutText()).startsWith("Content-Type: text/plain").endsWith(BODY);
  }

  /**
   * gpgsm 2.2 does not decrypt AuthEnvelopedData: it reads the GCM parameters as if they were a CBC
   * IV and stops with "error getting IV: Buffer too short" (OpenSSL's AES-GCM output fails the same
   * way, so this is gpgsm's limit, not Signet's encoding).
   */
  @ParameterizedTest(name = "gpgsm 2.2 cannot decrypt a Signet {0} AuthEnvelopedData")
  @EnumSource(value = ContentCipher.class, names = {"AES_128_GCM", "AES_256_GCM"})
  void gpgsm22CannotDecryptAesGcm(ContentCipher cipher) {
    assumeGpgsm22();
    byte[] encrypted = encrypt(message(KeyKind.RSA_3072, KEY),
        EncryptOptions.defaults(List.of(id(KEY).certificate())).withCipher(cipher));

    ProcessRunner.Result r = gpgsmDecrypt(cmsDer(encrypted));

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("error getting IV: Buffer too short");
    assertThat(r.stdoutText()).doesNotContain("quarterly figures");
  }

  /**
   * gpgsm 2.2 does not unwrap RSAES-OAEP key transport: "error getting encrypted session key", then
   * "No secret key" (the same for OpenSSL's OAEP output).
   */
  @Test
  void gpgsm22CannotDecryptRsaOaepKeyTransport() {
    assumeGpgsm22();
    byte[] encrypted = encrypt(message(KeyKind.RSA_3072, KEY), EncryptOptions.defaults(List.of(id(KEY).certificate()))
        .withCipher(ContentCipher.AES_128_CBC).withKeyTransport(KeyTransport.RSA_OAEP));

    ProcessRunner.Result r = gpgsmDecrypt(cmsDer(encrypted));

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("error getting encrypted session key");
  }

  /**
   * gpgsm 2.2 encrypts only by key transport: it refuses an EC certificate whose key usage is
   * keyAgreement ("Wrong key usage"), so Signet cannot receive ECDH mail from it.
   */
  @Test
  void gpgsm22RefusesToEncryptToAnEcKeyAgreementCertificate() {
    assumeGpgsm22();
    Path cert = TestPki.writeCertificatesPem(work.resolve("ec.pem"), List.of(id(KeyKind.EC_P256).certificate()));
    ok(gpgsm(new byte[0], "--import", cert.toString()));

    ProcessRunner.Result r = gpgsm(new byte[0], "--recipient", id(KeyKind.EC_P256).email(), "--output",
        work.resolve("to-ec.p7m").toString(), "--encrypt", file("plain.txt", entity()).toString());

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("Wrong key usage");
  }

  // ---------------------------------------------------------------------------------------------
  // Signet reads gpgsm

  @ParameterizedTest(name = "Signet verifies a gpgsm --sign opaque signature written as {0}")
  @EnumSource(Armor.class)
  void signetVerifiesGpgsmOpaqueSignature(Armor armor) throws IOException {
    byte[] signed = gpgsmWithKey(entity(), armor, "--local-user", id(KEY).email(), "--sign");

    Interop.Read r = read(signed, ReadOptions.verify(PKI.anchors()));

    assertGoodSignature(r);
    assertThat(r.content()).endsWith(BODY);
  }

  @ParameterizedTest(name = "Signet verifies a gpgsm --detach-sign signature written as {0}, given the content")
  @EnumSource(Armor.class)
  void signetVerifiesGpgsmDetachedSignature(Armor armor) throws IOException {
    byte[] signature = gpgsmWithKey(entity(), armor, "--local-user", id(KEY).email(), "--detach-sign");

    Interop.Read r = read(signature,
        ReadOptions.verify(PKI.anchors()).withDetachedContent(new ByteArrayInputStream(entity())));

    assertGoodSignature(r);
  }

  @Test
  void signetReportsABadSignatureWhenTheContentOfAGpgsmDetachedSignatureWasAltered() throws IOException {
    byte[] signature = gpgsmWithKey(entity(), Armor.DER, "--local-user", id(KEY).email(), "--detach-sign");
    byte[] altered = Interop.replaceFirst(entity(), "quarterly figures", "quarterly fiddles");

    Interop.Read r = read(signature,
        ReadOptions.verify(PKI.anchors()).withDetachedContent(new ByteArrayInputStream(altered)));

    assertThat(r.report().has(ProblemCode.BAD_SIGNATURE)).isTrue();
  }

  /** gpgsm's --cipher-algo names and what Signet must report for each. */
  enum GpgsmCipher {
    AES128(ContentCipher.AES_128_CBC),
    AES256(ContentCipher.AES_256_CBC);

    final ContentCipher cipher;

    GpgsmCipher(ContentCipher cipher) {
      this.cipher = cipher;
    }
  }

  @ParameterizedTest(name = "Signet decrypts a gpgsm --encrypt --cipher-algo {0} message")
  @EnumSource(GpgsmCipher.class)
  void signetDecryptsGpgsmEncryption(GpgsmCipher cipher) throws IOException {
    Path in = file("plain.txt", entity());
    Path out = work.resolve("gpgsm-" + cipher + ".p7m");
    ok(gpgsm(new byte[0], "--cipher-algo", cipher.name(), "--recipient", id(KEY).email(), "--output",
        out.toString(), "--encrypt", in.toString()));

    Interop.Read r = read(readAllBytes(out), ReadOptions.decrypt(List.of(digitalId(KEY))));

    assertThat(r.report().layers()).containsExactly(new Layer.Encrypted(cipher.cipher));
    assertThat(r.content()).endsWith(BODY);
  }

  // ---------------------------------------------------------------------------------------------

  enum Armor {
    DER,
    PEM
  }

  private static void assertGoodSignature(Interop.Read r) {
    assertThat(r.report().signers()).hasSize(1);
    SignerReport s = r.report().signers().get(0);
    assertThat(s.signatureValid()).as("problems: %s", r.report().problems()).isTrue();
    assertThat(s.trust()).as("problems: %s", r.report().problems()).isEqualTo(SignerReport.Trust.TRUSTED);
    assertThat(s.email()).contains(id(KEY).email());
  }

  private static void assumeGpgsm22() {
    String version = gpgsm(new byte[0], "--version").stdoutText();
    Assumptions.assumeTrue(version.contains("gpgsm (GnuPG) 2.2."),
        "documents the behaviour of gpgsm 2.2; this is " + version.lines().findFirst().orElse("?"));
  }

  private static ProcessRunner.Result gpgsmVerify(byte[] signature, byte[] content) {
    return gpgsm(new byte[0], "--status-fd", "1", "--verify", file("sig.p7s", signature).toString(),
        file("signed-part.txt", content).toString());
  }

  private static ProcessRunner.Result gpgsmDecrypt(byte[] der) {
    return gpgsm(passphrase(), "--pinentry-mode", "loopback", "--passphrase-fd", "0", "--decrypt",
        file("enc.p7m", der).toString());
  }

  /** Runs a gpgsm command that uses the private key, on {@code content}, returning what it wrote. */
  private static byte[] gpgsmWithKey(byte[] content, Armor armor, String... command) {
    Path in = file("content.txt", content);
    Path out = work.resolve("gpgsm.out");
    List<String> args = new ArrayList<>(List.of("--pinentry-mode", "loopback", "--passphrase-fd", "0"));
    if (armor == Armor.PEM) {
      args.add("--armor");
    }
    args.addAll(List.of("--output", out.toString()));
    args.addAll(List.of(command));
    args.add(in.toString());
    try {
      Files.deleteIfExists(out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ok(gpgsm(passphrase(), args.toArray(new String[0])));
    return readAllBytes(out);
  }

  private static ProcessRunner.Result gpgsm(byte[] stdin, String... args) {
    List<String> command = new ArrayList<>(List.of("gpgsm", "--batch", "--no-tty", "--yes"));
    command.addAll(List.of(args));
    return ProcessRunner.run(work, Map.of("GNUPGHOME", home.toString()), stdin, command);
  }

  private static ProcessRunner.Result ok(ProcessRunner.Result r) {
    assertThat(r.exitCode()).as("gpgsm:\n%s", r.stderr()).isZero();
    return r;
  }

  private static byte[] passphrase() {
    return (PASSPHRASE + "\n").getBytes(StandardCharsets.US_ASCII);
  }

  private static Path file(String name, byte[] bytes) {
    try {
      return Files.write(work.resolve(name), bytes);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
