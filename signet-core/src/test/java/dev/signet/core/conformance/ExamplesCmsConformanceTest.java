package dev.signet.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.Certificates;
import dev.signet.core.DigitalId;
import dev.signet.core.KeyUnavailableException;
import dev.signet.core.Layer;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.SignerReport;
import dev.signet.core.Smime;
import dev.signet.core.UnsupportedAlgorithmException;
import dev.signet.core.Verdict;
import dev.signet.testkit.SharedTestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The objects of draft-ireland-examples-cms with the RFC 9216 keys, read in place from the shared
 * test data (no licence file: not copied). Every object comes both as DER ({@code binary-files})
 * and as PEM ({@code pem-encoded}); each test reads both. Trust: the two RFC 9216 self-signed CAs.
 */
class ExamplesCmsConformanceTest {
  private static final byte[] SAMPLE = "This is some sample content.".getBytes(StandardCharsets.US_ASCII);
  private static final Smime SMIME =
      Smime.withDefaults().withClock(Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC));

  private static Path dir;
  private static List<X509Certificate> anchors;
  private static List<X509Certificate> signerCertificates;
  private static Map<String, DigitalId> ids;

  @BeforeAll
  static void readCorpus() throws IOException, GeneralSecurityException {
    dir = SharedTestData.folder("examples-cms");
    anchors = List.of(
        certificate("rfc9216-ca/Sample_LAMPS_RSA_Certification_Authority.selfsigned.pem"),
        certificate("rfc9216-ca/Sample_LAMPS_Ed25519_Certification_Authority.selfsigned.pem"));
    signerCertificates = List.of(certificate("certs-and-keys/lamps-alice.crt"),
        certificate("certs-and-keys/lamps-carlos.crt"));
    ids = Map.of(
        "bob", DigitalId.of(privateKey("certs-and-keys/lamps-bob.decrypt.p8.pem", "RSA"),
            List.of(certificate("certs-and-keys/lamps-bob.encrypt.crt"))),
        "dana", DigitalId.of(privateKey("certs-and-keys/lamps-dana.decrypt.p8.pem", "X25519"),
            List.of(certificate("certs-and-keys/lamps-dana.encrypt.crt"))));
  }

  @ParameterizedTest(name = "{0}.{1}")
  @CsvSource({
      "signedByAliceRSA, p7m", "signedByAliceRSA, pem",
      "signedByAliceRSAPSS, p7m", "signedByAliceRSAPSS, pem",
      "signedByCarlosEd25519, p7m", "signedByCarlosEd25519, pem"})
  void signedDataIsValidFromATrustedSigner(String name, String format) throws IOException {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    SecurityReport report = read(name, format, ReadOptions.verify(anchors), content);

    assertThat(report.verdict()).isEqualTo(Verdict.VALID);
    assertThat(report.signers()).singleElement()
        .satisfies(s -> assertThat(s.signatureValid()).isTrue())
        .satisfies(s -> assertThat(s.trust()).isEqualTo(SignerReport.Trust.TRUSTED));
    assertThat(content.toByteArray()).isEqualTo(SAMPLE);
  }

  @ParameterizedTest(name = "signedByAliceAndCarlosNoCerts.{0}: Alice found among the certificates given")
  @ValueSource(strings = {"p7m", "pem"})
  void signatureWithoutCertificatesFindsAliceAmongTheCertificatesGiven(String format) throws IOException {
    ReadOptions options = ReadOptions.verify(anchors).withIntermediates(signerCertificates);
    SecurityReport report = read("signedByAliceAndCarlosNoCerts", format, options, new ByteArrayOutputStream());

    assertThat(report.signers()).filteredOn(s -> s.email().equals(java.util.Optional.of("alice@smime.example")))
        .singleElement()
        .satisfies(s -> assertThat(s.signatureValid()).isTrue())
        .satisfies(s -> assertThat(s.trust()).isEqualTo(SignerReport.Trust.TRUSTED));
  }

  @ParameterizedTest(name = "signedByAliceAndCarlosNoCerts.{0}: pure Ed25519 without signed attributes refused by name")
  @ValueSource(strings = {"p7m", "pem"})
  void pureEd25519WithoutSignedAttributesIsRejectedByName(String format) throws IOException {
    ReadOptions options = ReadOptions.verify(anchors).withIntermediates(signerCertificates);
    SecurityReport report = read("signedByAliceAndCarlosNoCerts", format, options, new ByteArrayOutputStream());

    assertThat(report.signers()).filteredOn(s -> s.email().equals(java.util.Optional.of("carlos@smime.example")))
        .singleElement().satisfies(s -> assertThat(s.signatureValid()).isFalse());
    assertThat(report.problems()).anySatisfy(p -> {
      assertThat(p.code()).isEqualTo(dev.signet.core.ProblemCode.UNSUPPORTED_ALGORITHM);
      assertThat(p.message()).contains("Ed25519 without signed attributes");
    });
    assertThat(report.has(dev.signet.core.ProblemCode.BAD_SIGNATURE)).isFalse();
  }

  @ParameterizedTest(name = "signedByAliceAndCarlosNoCerts.{0}: the missing certificates named")
  @ValueSource(strings = {"p7m", "pem"})
  void signatureWithoutCertificatesNamesTheMissingCertificates(String format) throws IOException {
    SecurityReport report =
        read("signedByAliceAndCarlosNoCerts", format, ReadOptions.verify(anchors), new ByteArrayOutputStream());

    assertThat(report.has(dev.signet.core.ProblemCode.SIGNER_CERT_MISSING)).isTrue();
    assertThat(report.signers()).hasSize(2).noneMatch(SignerReport::signatureValid);
  }

  @ParameterizedTest(name = "signedByCarlosDetached.{0}: refused by name, not called bad")
  @ValueSource(strings = {"p7m", "pem"})
  void detachedPureEd25519IsRejectedByNameNotCalledBad(String format) throws IOException {
    ReadOptions options = ReadOptions.verify(anchors).withDetachedContent(new ByteArrayInputStream(SAMPLE));
    SecurityReport report = read("signedByCarlosDetached", format, options, new ByteArrayOutputStream());

    assertThat(report.has(dev.signet.core.ProblemCode.UNSUPPORTED_ALGORITHM)).isTrue();
    assertThat(report.has(dev.signet.core.ProblemCode.BAD_SIGNATURE)).isFalse();
  }

  @ParameterizedTest(name = "{0}.{1} for {2}")
  @CsvSource({
      "encryptedForBobRSAOaep, p7m, bob", "encryptedForBobRSAOaep, pem, bob",
      "encryptedForBobAndDana, p7m, bob", "encryptedForBobAndDana, pem, bob",
      "authEnvelopedForDanaX25519HKDF, p7m, dana", "authEnvelopedForDanaX25519HKDF, pem, dana"})
  void envelopeDecryptsToTheSampleWithTheRecipientsKey(String name, String format, String recipient)
      throws IOException {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    SecurityReport report = read(name, format, ReadOptions.decrypt(List.of(ids.get(recipient))), content);

    assertThat(report.layers()).singleElement().isInstanceOf(Layer.Encrypted.class);
    assertThat(content.toByteArray()).isEqualTo(SAMPLE);
  }

  @ParameterizedTest(name = "encryptedForBobAndDana.{0} for dana: X25519 under the X9.63 KDF refused by name")
  @ValueSource(strings = {"p7m", "pem"})
  void x25519UnderTheX963KdfIsRejectedByName(String format) {
    assertThatThrownBy(() -> read("encryptedForBobAndDana", format, ReadOptions.decrypt(List.of(ids.get("dana"))),
        new ByteArrayOutputStream()))
        .isInstanceOf(dev.signet.core.UnsupportedAlgorithmException.class)
        .hasMessageContaining("X25519 key agreement");
  }

  @ParameterizedTest(name = "authEnvelopedForDanaX25519HKDF.{0}: reported as AES-GCM")
  @ValueSource(strings = {"p7m", "pem"})
  void authenticatedEnvelopeIsReportedAsAesGcm(String format) throws IOException {
    SecurityReport report = read("authEnvelopedForDanaX25519HKDF", format, ReadOptions.decrypt(List.of(ids.get("dana"))),
        new ByteArrayOutputStream());

    assertThat(report.layers()).singleElement()
        .isEqualTo(new Layer.Encrypted(dev.signet.core.ContentCipher.AES_128_GCM));
  }

  @ParameterizedTest(name = "authEnvelopedForBobChaCha20Poly1305.{0}: refused as unsupported")
  @ValueSource(strings = {"p7m", "pem"})
  void chaCha20Poly1305IsRejectedAsUnsupported(String format) {
    assertThatThrownBy(() -> read("authEnvelopedForBobChaCha20Poly1305", format,
        ReadOptions.decrypt(List.of(ids.get("bob"))), new ByteArrayOutputStream()))
        .isInstanceOf(UnsupportedAlgorithmException.class)
        .hasMessageContaining("1.2.840.113549.1.9.16.3.18");
  }

  /** encryptedKekri is for a shared key-encryption key (KEKRecipientInfo); Signet decrypts with digital IDs only. */
  @ParameterizedTest(name = "encryptedKekri.{0}: not opened with a digital ID")
  @ValueSource(strings = {"p7m", "pem"})
  void kekRecipientCannotBeOpenedWithADigitalId(String format) {
    assertThatThrownBy(() -> read("encryptedKekri", format, ReadOptions.decrypt(List.of(ids.get("bob"))),
        new ByteArrayOutputStream()))
        .isInstanceOf(KeyUnavailableException.class);
  }

  private static SecurityReport read(String name, String format, ReadOptions options, ByteArrayOutputStream content)
      throws IOException {
    Path file = format.equals("pem") ? dir.resolve("pem-encoded").resolve(name + ".pem")
        : dir.resolve("binary-files").resolve(name + ".p7m");
    try (InputStream in = Files.newInputStream(file)) {
      return SMIME.read(in, options, content);
    }
  }

  private static X509Certificate certificate(String path) throws IOException {
    try (InputStream in = Files.newInputStream(dir.resolve(path))) {
      return Certificates.read(in).get(0);
    }
  }

  private static PrivateKey privateKey(String path, String algorithm) throws IOException, GeneralSecurityException {
    String pem = Files.readString(dir.resolve(path), StandardCharsets.US_ASCII)
        .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
  }
}
