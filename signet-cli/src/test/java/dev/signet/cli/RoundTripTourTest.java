package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.core.DigitalId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tour of the command as a person uses it: two people make digital IDs, Alice signs and encrypts a
 * message to Bob, and Bob reads and verifies it. Checks the exit codes and the JSON report of CLI.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoundTripTourTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BODY = "Hello Bob,\r\n\r\nthe meeting is at noon.\r\n\r\nAlice\r\n";

  private Path dir;

  private final CliRun signet = CliRun.withPassword();
  private CliRun.Result aliceNew;
  private Path aliceP12;
  private Path bobP12;
  private Path alicePem;
  private Path bobPem;
  private DigitalId alice;
  private Path plain;
  private Path signed;
  private Path signedAndEncrypted;

  @BeforeAll
  void twoPeopleMakeIdsAndAliceSignsAndEncryptsToBob(@TempDir Path tour) throws IOException {
    dir = tour;
    aliceP12 = dir.resolve("alice.p12");
    bobP12 = dir.resolve("bob.p12");
    aliceNew = signet.run("id", "new", "--email", "alice@example.org", "--name", "Alice Example", "--key", "rsa2048",
        "--out", aliceP12.toString());
    CliRun.Result bobNew = signet.run("id", "new", "--email", "bob@example.org", "--name", "Bob Example", "--key",
        "ec-p256", "--out", bobP12.toString());
    assertThat(bobNew.exitCode()).as(bobNew.toString()).isZero();
    alice = Fixtures.readId(aliceP12);
    alicePem = Fixtures.writePem(dir.resolve("alice.pem"), alice.certificate());
    bobPem = Fixtures.writePem(dir.resolve("bob.pem"), Fixtures.readId(bobP12).certificate());

    plain = Files.write(dir.resolve("plain.eml"),
        Fixtures.message("alice@example.org", "bob@example.org", "Lunch", BODY));
    signed = dir.resolve("signed.eml");
    CliRun.Result sign = signet.run("sign", "--id", aliceP12.toString(), "--in", plain.toString(), "--out",
        signed.toString());
    assertThat(sign.exitCode()).as(sign.toString()).isZero();
    signedAndEncrypted = dir.resolve("signed-encrypted.eml");
    CliRun.Result encrypt = signet.run("encrypt", "--to", bobPem.toString(), "--in", signed.toString(), "--out",
        signedAndEncrypted.toString());
    assertThat(encrypt.exitCode()).as(encrypt.toString()).isZero();
  }

  private static JsonNode json(CliRun.Result result) throws IOException {
    return JSON.readTree(result.stdout());
  }

  @Test
  void idNewWritesAPkcs12ForTheAddressAndSaysSoOnStderrOnly() {
    assertThat(aliceNew.exitCode()).as(aliceNew.toString()).isZero();
    assertThat(aliceNew.stdout()).isEmpty();
    assertThat(aliceNew.stderr()).startsWith("signet: wrote");
    assertThat(alice.certificate().getSubjectX500Principal().getName()).contains("Alice Example");
    assertThat(dev.signet.core.Certificates.emails(alice.certificate())).contains("alice@example.org");
  }

  @Test
  void signKeepsTheOuterHeadersAndMakesAClearSignedMessage() throws IOException {
    String text = Files.readString(signed, StandardCharsets.UTF_8);
    assertThat(text).contains("From: alice@example.org\r\n", "To: bob@example.org\r\n", "Subject: Lunch\r\n")
        .contains("multipart/signed").contains("application/pkcs7-signature").contains("the meeting is at noon.");
  }

  @Test
  void encryptHidesTheContentInAnAuthEnvelopedMessage() throws IOException {
    String text = Files.readString(signedAndEncrypted, StandardCharsets.UTF_8);
    assertThat(text).contains("application/pkcs7-mime").contains("smime-type=authEnveloped-data")
        .doesNotContain("the meeting is at noon.");
  }

  @Test
  void readWithTheRecipientsIdAndTheSignersRootReportsValidJsonAndExits0() throws IOException {
    CliRun.Result read = signet.run("read", "--id", bobP12.toString(), "--trust", alicePem.toString(), "--json",
        "--in", signedAndEncrypted.toString());

    assertThat(read.exitCode()).as(read.toString()).isZero();
    JsonNode report = json(read);
    assertThat(report.get("verdict").asText()).isEqualTo("valid");
    assertThat(report.get("signed").asBoolean()).isTrue();
    assertThat(report.get("encrypted").asBoolean()).isTrue();
    assertThat(report.get("problems")).isEmpty();
    assertThat(report.get("receiptRequest").isNull()).isTrue();
    assertThat(report.get("securityLabel").isNull()).isTrue();
  }

  @Test
  void readReportsTheEncryptedLayerOutsideTheSignedLayer() throws IOException {
    JsonNode layers = json(signet.run("read", "--id", bobP12.toString(), "--trust", alicePem.toString(), "--json",
        "--in", signedAndEncrypted.toString())).get("layers");

    assertThat(layers).hasSize(2);
    JsonNode encrypted = layers.get(0);
    assertThat(encrypted.get("kind").asText()).isEqualTo("encrypted");
    assertThat(encrypted.get("cipher").asText()).isEqualTo("AES-128-GCM");
    assertThat(encrypted.get("keyBits").asInt()).isEqualTo(128);
    assertThat(encrypted.get("authenticated").isBoolean()).isTrue();
    assertThat(encrypted.get("authenticated").asBoolean()).isTrue();
    JsonNode signedLayer = layers.get(1);
    assertThat(signedLayer.get("kind").asText()).isEqualTo("signed");
    assertThat(signedLayer.get("format").asText()).isEqualTo("clear");
  }

  @Test
  void readReportsTheSignerAsCliMdDescribesIt() throws IOException {
    JsonNode signers = json(signet.run("read", "--id", bobP12.toString(), "--trust", alicePem.toString(), "--json",
        "--in", signedAndEncrypted.toString())).get("signers");

    assertThat(signers).hasSize(1);
    JsonNode signer = signers.get(0);
    assertThat(signer.get("email").asText()).isEqualTo("alice@example.org");
    assertThat(signer.get("subject").asText()).contains("Alice Example");
    assertThat(signer.get("issuer").asText()).isEqualTo(signer.get("subject").asText());
    assertThat(signer.get("serial").asText()).matches("[0-9a-fA-F]+");
    assertThat(new java.math.BigInteger(signer.get("serial").asText(), 16))
        .isEqualTo(alice.certificate().getSerialNumber());
    assertThat(signer.get("signatureValid").isBoolean()).isTrue();
    assertThat(signer.get("signatureValid").asBoolean()).isTrue();
    assertThat(signer.get("trust").asText()).isEqualTo("trusted");
    assertThat(signer.get("revocation").asText()).isIn("good", "revoked", "unknown");
    assertThat(Instant.parse(signer.get("signingTime").asText())).isBefore(Instant.now().plusSeconds(1));
  }

  @Test
  void readWithOutWritesThePlainMessageWithItsHeaders() throws IOException {
    Path out = dir.resolve("read-out.eml");
    CliRun.Result read = signet.run("read", "--id", bobP12.toString(), "--trust", alicePem.toString(), "--in",
        signedAndEncrypted.toString(), "--out", out.toString());

    assertThat(read.exitCode()).as(read.toString()).isZero();
    String text = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(text).contains("Subject: Lunch").contains("the meeting is at noon.").doesNotContain("pkcs7");
  }

  @Test
  void decryptWithTheRecipientsIdGivesBackTheSignedMessage() throws IOException {
    Path out = dir.resolve("decrypted.eml");
    CliRun.Result decrypt = signet.run("decrypt", "--id", bobP12.toString(), "--in", signedAndEncrypted.toString(),
        "--out", out.toString());

    assertThat(decrypt.exitCode()).as(decrypt.toString()).isZero();
    CliRun.Result verify = signet.run("verify", "--trust", alicePem.toString(), "--in", out.toString());
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
  }

  @Test
  void verifyOfASignatureFromATrustedRootExits0() {
    CliRun.Result verify = signet.run("verify", "--trust", alicePem.toString(), "--json", "--in", signed.toString());

    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.out()).contains("\"valid\"");
  }

  @Test
  void verifyWithoutTrustAnchorsIsAWarningForTheUntrustedRootAndExits3() throws IOException {
    CliRun.Result verify = signet.run("verify", "--json", "--in", signed.toString());

    assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(3);
    JsonNode report = json(verify);
    assertThat(report.get("verdict").asText()).isEqualTo("warning");
    assertThat(report.get("signed").asBoolean()).isTrue();
    assertThat(report.get("encrypted").asBoolean()).isFalse();
    assertThat(report.get("signers").get(0).get("trust").asText()).isEqualTo("untrusted");
    assertThat(report.get("signers").get(0).get("signatureValid").asBoolean()).isTrue();
    JsonNode problem = report.get("problems").get(0);
    assertThat(report.get("problems")).hasSize(1);
    assertThat(problem.get("code").asText()).isEqualTo("UNTRUSTED_ROOT");
    assertThat(problem.get("severity").asText()).isEqualTo("warning");
    assertThat(problem.get("level").isNull() || problem.get("level").asInt() == 1 || problem.get("level").asInt() == 2)
        .isTrue();
    assertThat(problem.has("setting")).isTrue();
    assertThat(problem.get("setting").isNull() || problem.get("setting").isTextual()).isTrue();
    assertThat(problem.get("message").asText()).isNotBlank();
  }

  @Test
  void verifyOfATamperedBodyIsAnErrorForTheBadSignatureAndExits1() throws IOException {
    String text = Files.readString(signed, StandardCharsets.UTF_8);
    Path tampered = Files.writeString(dir.resolve("tampered.eml"),
        text.replace("the meeting is at noon.", "the meeting is at nine."), StandardCharsets.UTF_8);

    CliRun.Result verify = signet.run("verify", "--trust", alicePem.toString(), "--json", "--in", tampered.toString());

    assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(1);
    JsonNode report = json(verify);
    assertThat(report.get("verdict").asText()).isEqualTo("error");
    assertThat(report.get("signers").get(0).get("signatureValid").asBoolean()).isFalse();
    assertThat(report.get("problems").findValuesAsText("code")).contains("BAD_SIGNATURE");
    JsonNode bad = null;
    for (JsonNode p : report.get("problems")) {
      if (p.get("code").asText().equals("BAD_SIGNATURE")) {
        bad = p;
      }
    }
    assertThat(bad.get("severity").asText()).isEqualTo("error");
  }

  @Test
  void opaqueSigningIsReportedAsAnOpaqueSignedLayer() throws IOException {
    Path opaque = dir.resolve("opaque.eml");
    CliRun.Result sign = signet.run("sign", "--id", aliceP12.toString(), "--opaque", "--hash", "sha512", "--in",
        plain.toString(), "--out", opaque.toString());
    assertThat(sign.exitCode()).as(sign.toString()).isZero();
    assertThat(Files.readString(opaque, StandardCharsets.UTF_8)).contains("smime-type=signed-data");

    CliRun.Result verify = signet.run("verify", "--trust", alicePem.toString(), "--json", "--in", opaque.toString());

    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    JsonNode layer = json(verify).get("layers").get(0);
    assertThat(layer.get("kind").asText()).isEqualTo("signed");
    assertThat(layer.get("format").asText()).isEqualTo("opaque");
  }

  @Test
  void cbcEncryptionIsReportedAsUnauthenticated() throws IOException {
    Path cbc = dir.resolve("cbc.eml");
    CliRun.Result encrypt = signet.run("encrypt", "--to", bobPem.toString(), "--cipher", "aes256-cbc", "--in",
        plain.toString(), "--out", cbc.toString());
    assertThat(encrypt.exitCode()).as(encrypt.toString()).isZero();

    CliRun.Result read = signet.run("read", "--id", bobP12.toString(), "--json", "--in", cbc.toString());

    JsonNode layer = json(read).get("layers").get(0);
    assertThat(layer.get("kind").asText()).isEqualTo("encrypted");
    assertThat(layer.get("cipher").asText()).isEqualTo("AES-256-CBC");
    assertThat(layer.get("keyBits").asInt()).isEqualTo(256);
    assertThat(layer.get("authenticated").asBoolean()).isFalse();
  }

  @Test
  void readOfAnEncryptedMessageWithOnlyAnotherPersonsIdExits2AndWritesNothing() {
    Path out = dir.resolve("not-for-alice.eml");
    CliRun.Result read = signet.run("read", "--id", aliceP12.toString(), "--json", "--in",
        signedAndEncrypted.toString(), "--out", out.toString());

    assertThat(read.exitCode()).as(read.toString()).isEqualTo(2);
    assertThat(read.stderrLines()).singleElement().asString().startsWith("signet:");
    assertThat(out).doesNotExist();
  }

  @Test
  void readOfAnEncryptedMessageWithNoIdExits2() {
    CliRun.Result read = signet.run("read", "--json", "--in", signedAndEncrypted.toString());

    assertThat(read.exitCode()).as(read.toString()).isEqualTo(2);
    assertThat(read.stderrLines()).singleElement().asString().startsWith("signet:");
  }

  @Test
  void everyReportCarriesTheStableFieldsOfCliMd() throws IOException {
    JsonNode report = json(signet.run("read", "--id", bobP12.toString(), "--json", "--in",
        signedAndEncrypted.toString()));

    assertThat(report.fieldNames()).toIterable().contains("verdict", "signed", "encrypted", "layers", "signers",
        "problems", "receiptRequest", "securityLabel");
    assertThat(report.get("signers").get(0).fieldNames()).toIterable().contains("email", "subject", "issuer",
        "serial", "signatureValid", "trust", "revocation", "signingTime");
    assertThat(report.get("problems").get(0).fieldNames()).toIterable().contains("code", "level", "severity",
        "setting", "message");
  }
}
