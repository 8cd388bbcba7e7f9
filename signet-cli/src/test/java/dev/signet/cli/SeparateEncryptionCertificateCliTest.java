package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.Certificates;
import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.EstClient;
import dev.signet.pki.Issuer;
import dev.signet.pki.CertificateProfile;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import dev.signet.testkit.TestPki;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alice signs with a signing-only ID and receives mail with an encryption-only ID (a profile with a
 * separate encryption ID). Her signed mail carries both certificates (RFC 8551 section 2.5.3), Bob's
 * address book learns both, and his reply without --rcpt is encrypted to her encryption certificate.
 */
class SeparateEncryptionCertificateCliTest {
  private static final String ALICE = "alice@example.org";
  private static Path root;
  private static Path aliceSigningP12;
  private static Path aliceEncryptionP12;
  private static DigitalId aliceSigning;
  private static DigitalId aliceEncryption;
  private static Fixtures.Person bob;

  @TempDir Path dir;
  final CliRun signet = CliRun.withPassword();
  Path aliceStore;
  Path bobStore;

  @BeforeAll
  static void aCaIssuesAliceASigningAndAnEncryptionCertificate(@TempDir Path folder) throws IOException {
    try (CertificateAuthority ca = CertificateAuthority.open(CaDatabase.inDataFolder(folder.resolve("ca")))) {
      Issuer issuer = ca.init("CN=Separate Keys CA", KeyType.EC_P384, "http://127.0.0.1:1", "ca pass".toCharArray(),
          "test");
      aliceSigning = issued(issuer, CertificateProfile.SIGNING);
      aliceEncryption = issued(issuer, CertificateProfile.ENCRYPTION);
      root = TestPki.writeCertificatesPem(folder.resolve("root.pem"),
          List.of(issuer.caChain().get(issuer.caChain().size() - 1)));
    }
    aliceSigningP12 = Fixtures.writeId(folder.resolve("alice-sign.p12"), aliceSigning);
    aliceEncryptionP12 = Fixtures.writeId(folder.resolve("alice-enc.p12"), aliceEncryption);
    bob = Fixtures.person(folder, "bob@example.org", "Bob");
  }

  @BeforeEach
  void aliceHasAProfileWithASeparateEncryptionId() {
    aliceStore = dir.resolve("alice-store");
    bobStore = dir.resolve("bob-store");
    ok(signet.run("id", "import", aliceSigningP12.toString(), "--name", "alice-sign", "--store", aliceStore.toString()));
    ok(signet.run("id", "import", aliceEncryptionP12.toString(), "--name", "alice-enc", "--store",
        aliceStore.toString()));
    ok(signet.run("profile", "add", "work", "--signing-id", "alice-sign", "--encryption-id", "alice-enc", "--store",
        aliceStore.toString()));
  }

  @Test
  void theIdsAreSigningOnlyAndEncryptionOnly() {
    CliRun.Result list = ok(signet.run("id", "list", "--store", aliceStore.toString()));

    assertThat(list.out()).containsPattern("alice-sign.*signing-only").containsPattern("alice-enc.*encryption-only");
  }

  @Test
  void aReplyFromTheAddressBookIsEncryptedToTheSendersEncryptionCertificate() throws IOException {
    Path signed = aliceSigns();

    // The test CA's CRL address answers nobody: a NO_CRL warning, but the signature holds and is trusted.
    CliRun.Result read = signet.run("read", "--offline", "--store", bobStore.toString(), "--trust", root.toString(),
        "--in", signed.toString());
    assertThat(read.exitCode()).as(read.toString()).isEqualTo(3);
    assertThat(read.stderr()).contains("address book: learned the certificate of " + ALICE);
    CliRun.Result shown = ok(signet.run("contacts", "show", ALICE, "--store", bobStore.toString()));
    assertThat(Certificates.read(new ByteArrayInputStream(shown.stdout())))
        .containsExactlyInAnyOrder(aliceSigning.certificate(), aliceEncryption.certificate());

    Path reply = Files.write(dir.resolve("reply.eml"),
        Fixtures.message("bob@example.org", ALICE, "Re: Lunch", "Noon it is.\r\n"));
    Path encrypted = dir.resolve("reply-encrypted.eml");
    CliRun.Result compose = ok(signet.run("compose", "--from", bob.p12().toString(), "--encrypt", "--store",
        bobStore.toString(), "--in", reply.toString(), "--out", encrypted.toString()));
    assertThat(compose.stderr()).contains(ALICE + ": certificate from the address book");

    assertThat(ok(signet.run("decrypt", "--id", aliceEncryptionP12.toString(), "--in", encrypted.toString())).out())
        .contains("Noon it is.");
    assertThat(signet.run("decrypt", "--id", aliceSigningP12.toString(), "--in", encrypted.toString()).exitCode())
        .isNotZero();
  }

  @Test
  void theSignatureCarriesBothCertificatesAndOpenSslVerifiesIt() throws IOException {
    ExternalTool.OPENSSL.require();
    Path signed = aliceSigns();
    Path signature = Files.write(dir.resolve("smime.p7s"), signatureDer(Files.readAllBytes(signed)));
    Path signerOut = dir.resolve("signer.pem");

    ProcessRunner.Result verify = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("openssl", "cms", "-verify",
        "-in", signed.toString(), "-CAfile", root.toString(), "-purpose", "any", "-signer", signerOut.toString(),
        "-out", "/dev/null"));
    ProcessRunner.Result certs = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("openssl", "pkcs7", "-inform",
        "DER", "-in", signature.toString(), "-print_certs"));

    assertThat(verify.exitCode()).as(verify.stderr()).isZero();
    assertThat(Certificates.read(Files.newInputStream(signerOut))).containsExactly(aliceSigning.certificate());
    assertThat(Certificates.read(new ByteArrayInputStream(certs.stdout())))
        .contains(aliceSigning.certificate(), aliceEncryption.certificate())
        .doesNotContain(aliceSigning.chain().get(aliceSigning.chain().size() - 1));
  }

  @Test
  void withoutTheTrustedRootBobLearnsNeitherCertificate() throws IOException {
    Path signed = aliceSigns();

    CliRun.Result read = signet.run("read", "--store", bobStore.toString(), "--in", signed.toString());

    assertThat(read.stderr()).doesNotContain("address book");
    assertThat(Files.exists(bobStore.resolve("contacts.json"))).isFalse();
  }

  private Path aliceSigns() throws IOException {
    Path message = Files.write(dir.resolve("msg.eml"), Fixtures.message(ALICE, "bob@example.org", "Lunch", "Noon?\r\n"));
    Path signed = dir.resolve("signed.eml");
    ok(signet.run("compose", "--profile", "work", "--sign", "--store", aliceStore.toString(), "--in",
        message.toString(), "--out", signed.toString()));
    return signed;
  }

  /** The DER signature part of a clear-signed message. */
  private static byte[] signatureDer(byte[] signed) {
    String text = new String(signed, StandardCharsets.US_ASCII);
    int part = text.indexOf("Content-Type: application/pkcs7-signature");
    int start = text.indexOf("\r\n\r\n", part) + 4;
    return Base64.getMimeDecoder().decode(text.substring(start, text.indexOf("\r\n--", start)));
  }

  /** A digital ID for Alice with an RSA key made here, certified by the CA under {@code profile}. */
  private static DigitalId issued(Issuer issuer, CertificateProfile profile) {
    KeyPair keys = KeyType.RSA_2048.newKeyPair(new SecureRandom());
    X509Certificate cert = issuer.issue(EstClient.request(keys, ALICE), profile, Duration.ofDays(365), "test")
        .certificate();
    List<X509Certificate> chain = new ArrayList<>(List.of(cert));
    chain.addAll(issuer.caChain());
    return DigitalId.of(keys.getPrivate(), chain);
  }

  private static CliRun.Result ok(CliRun.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }
}
