package dev.signet.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.AlgorithmPolicy;
import dev.signet.core.Certificates;
import dev.signet.core.DigitalId;
import dev.signet.core.Layer;
import dev.signet.core.ProblemCode;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.SignerReport;
import dev.signet.core.Smime;
import dev.signet.core.UnsupportedAlgorithmException;
import dev.signet.core.Verdict;
import dev.signet.testkit.SharedTestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 4134 "Examples of S/MIME Messages", read in place from the shared test data (the files carry
 * no licence that allows copying them). The certificates date from 1999: they are judged at a time
 * inside their validity, with Carl's RSA and DSS certificates as the only trust anchors.
 */
class Rfc4134ConformanceTest {
  private static final Instant INSIDE_VALIDITY = Instant.parse("2000-06-01T00:00:00Z");
  private static final Smime SMIME = Smime.withDefaults().withClock(Clock.fixed(INSIDE_VALIDITY, ZoneOffset.UTC));

  private static Path dir;
  private static List<X509Certificate> carl;
  private static DigitalId bob;
  private static byte[] sample;

  @BeforeAll
  static void readCorpus() throws IOException, GeneralSecurityException {
    dir = SharedTestData.folder("rfc4134");
    carl = new ArrayList<>(certificate("CarlRSASelf.cer"));
    carl.addAll(certificate("CarlDSSSelf.cer"));
    PrivateKey bobKey = KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(dir.resolve("BobPrivRSAEncrypt.pri"))));
    bob = DigitalId.of(bobKey, certificate("BobRSASignByCarl.cer"));
    sample = Files.readAllBytes(dir.resolve("ExContent.bin"));
  }

  @ParameterizedTest(name = "{0}: every signer verifies (legacy algorithms allowed)")
  @ValueSource(strings = {"4.1.bin", "4.2.bin", "4.3.bin", "4.4.bin", "4.5.bin", "4.6.bin", "4.7.bin", "4.8.eml",
      "4.9.eml", "4.10.bin"})
  void everySignerVerifiesUnderLegacyAlgorithms(String name) throws IOException {
    SecurityReport report = verify(name, AlgorithmPolicy.LEGACY_READ, new ByteArrayOutputStream());

    assertThat(report.signers()).isNotEmpty().allMatch(SignerReport::signatureValid);
  }

  @ParameterizedTest(name = "{0}: every signer chains to Carl")
  @ValueSource(strings = {"4.1.bin", "4.2.bin", "4.3.bin", "4.4.bin", "4.5.bin", "4.6.bin", "4.7.bin", "4.8.eml",
      "4.9.eml", "4.10.bin"})
  void everySignerChainsToCarl(String name) throws IOException {
    SecurityReport report = verify(name, AlgorithmPolicy.LEGACY_READ, new ByteArrayOutputStream());

    assertThat(report.signers()).isNotEmpty().allMatch(s -> s.trust() == SignerReport.Trust.TRUSTED);
  }

  @ParameterizedTest(name = "{0}: a warning for the legacy algorithms, no error")
  @ValueSource(strings = {"4.1.bin", "4.2.bin", "4.3.bin", "4.4.bin", "4.5.bin", "4.6.bin", "4.7.bin", "4.8.eml",
      "4.9.eml", "4.10.bin"})
  void legacyReadingWarnsOfTheLegacyAlgorithmsAndFindsNoError(String name) throws IOException {
    SecurityReport report = verify(name, AlgorithmPolicy.LEGACY_READ, new ByteArrayOutputStream());

    assertThat(report.has(ProblemCode.LEGACY_ALGORITHM)).isTrue();
    assertThat(report.verdict()).isEqualTo(Verdict.WARNING);
  }

  @ParameterizedTest(name = "{0}: the content is the sample")
  @ValueSource(strings = {"4.1.bin", "4.2.bin", "4.3.bin", "4.4.bin", "4.5.bin", "4.6.bin", "4.7.bin", "4.10.bin"})
  void bareSignedDataYieldsTheSampleContent(String name) throws IOException {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    verify(name, AlgorithmPolicy.LEGACY_READ, content);

    assertThat(content.toByteArray()).isEqualTo(sample);
  }

  @Test
  void dsaSignerWithoutParametersInheritsThemFromTheIssuer() throws IOException {
    SecurityReport report = verify("4.6.bin", AlgorithmPolicy.LEGACY_READ, new ByteArrayOutputStream());

    assertThat(report.signers()).filteredOn(s -> s.subject().equals("CN=DianeDSS"))
        .singleElement().satisfies(s -> assertThat(s.signatureValid()).isTrue());
  }

  @Test
  void theCounterSignatureVerifiesAndIsReportedAsSuch() throws IOException {
    // 4.4: Carl counter-signs Alice's signature value; only Alice signed the content.
    SecurityReport report = verify("4.4.bin", AlgorithmPolicy.LEGACY_READ, new ByteArrayOutputStream());

    assertThat(report.signers()).filteredOn(s -> s.role() == SignerReport.Role.CONTENT)
        .extracting(SignerReport::subject).containsExactly("CN=AliceDSS");
    assertThat(report.signers()).filteredOn(s -> s.role() == SignerReport.Role.COUNTER_SIGNATURE)
        .isNotEmpty().allMatch(SignerReport::signatureValid);
  }

  @ParameterizedTest(name = "{0} under {1}")
  @CsvSource({"4.11.bin, LEGACY_READ", "4.11.bin, BASELINE_2025"})
  void certificatesOnlySignedDataReportsNoSigners(String name, AlgorithmPolicy policy) throws IOException {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    SecurityReport report = verify(name, policy, content);

    assertThat(report.signers()).isEmpty();
    assertThat(report.has(ProblemCode.NO_SIGNERS)).isTrue();
    assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(content.size()).isZero();
  }

  @ParameterizedTest(name = "{0}: refused as weak, not called bad (default policy)")
  @ValueSource(strings = {"4.1.bin", "4.2.bin", "4.3.bin", "4.4.bin", "4.5.bin", "4.6.bin", "4.7.bin", "4.8.eml",
      "4.9.eml", "4.10.bin"})
  void baselinePolicyRejectsEachSignatureAsWeakNotAsBad(String name) throws IOException {
    SecurityReport report = verify(name, AlgorithmPolicy.BASELINE_2025, new ByteArrayOutputStream());

    assertThat(report.has(ProblemCode.WEAK_ALGORITHM)).isTrue();
    assertThat(report.has(ProblemCode.BAD_SIGNATURE)).isFalse();
    assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
  }

  @ParameterizedTest(name = "{0} ({1}-bit RSA signer)")
  @CsvSource({"4.2.bin, 1024", "4.5.bin, 1024"})
  void baselinePolicyNamesTheShortRsaKey(String name, int bits) throws IOException {
    SecurityReport report = verify(name, AlgorithmPolicy.BASELINE_2025, new ByteArrayOutputStream());

    assertThat(report.problems()).filteredOn(p -> p.code() == ProblemCode.WEAK_ALGORITHM)
        .anySatisfy(p -> assertThat(p.message()).contains("RSA-" + bits))
        .anySatisfy(p -> assertThat(p.message()).contains("SHA-1"));
  }

  @ParameterizedTest(name = "{0}: the DSA key named (default policy)")
  @ValueSource(strings = {"4.1.bin", "4.3.bin", "4.6.bin", "4.10.bin"})
  void baselinePolicyNamesTheDsaKey(String name) throws IOException {
    SecurityReport report = verify(name, AlgorithmPolicy.BASELINE_2025, new ByteArrayOutputStream());

    assertThat(report.problems()).filteredOn(p -> p.code() == ProblemCode.WEAK_ALGORITHM)
        .anySatisfy(p -> assertThat(p.message()).contains("DSA"));
  }

  @ParameterizedTest(name = "{0}: decrypts to the sample with Bob''s key (legacy algorithms allowed)")
  @ValueSource(strings = {"5.1.bin", "5.2.bin", "5.3.eml"})
  void envelopedDataDecryptsToTheSampleWithBobsKeyUnderLegacyAlgorithms(String name) throws IOException {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    SecurityReport report = decrypt(name, AlgorithmPolicy.LEGACY_READ, content);

    assertThat(report.layers()).singleElement().isInstanceOf(Layer.Encrypted.class);
    assertThat(report.has(ProblemCode.WEAK_ENCRYPTION)).isTrue();
    // 5.3 is a message: its outer header fields come first, then the decrypted content.
    assertThat(new String(content.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1))
        .endsWith(new String(sample, java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  @ParameterizedTest(name = "{0}: exactly the sample")
  @ValueSource(strings = {"5.1.bin", "5.2.bin"})
  void bareEnvelopedDataYieldsExactlyTheSample(String name) throws IOException {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    decrypt(name, AlgorithmPolicy.LEGACY_READ, content);

    assertThat(content.toByteArray()).isEqualTo(sample);
  }

  @ParameterizedTest(name = "{0} ({1})")
  @CsvSource({"5.1.bin, 3DES", "5.2.bin, RC2", "5.3.eml, 3DES"})
  void baselinePolicyRefusesToDecryptTheLegacyCipherByName(String name, String cipher) {
    assertThatThrownBy(() -> decrypt(name, AlgorithmPolicy.BASELINE_2025, new ByteArrayOutputStream()))
        .isInstanceOf(UnsupportedAlgorithmException.class)
        .hasMessageContaining(cipher);
  }

  /** 3.1/3.2: bare id-data; 6.0: DigestedData; 7.1/7.2: EncryptedData (a shared symmetric key). */
  @ParameterizedTest(name = "{0} ({1}) under {2}")
  @CsvSource({
      "3.1.bin, 1.2.840.113549.1.7.1, LEGACY_READ", "3.2.bin, 1.2.840.113549.1.7.1, LEGACY_READ",
      "6.0.bin, 1.2.840.113549.1.7.5, LEGACY_READ", "7.1.bin, 1.2.840.113549.1.7.6, LEGACY_READ",
      "7.2.bin, 1.2.840.113549.1.7.6, LEGACY_READ", "6.0.bin, 1.2.840.113549.1.7.5, BASELINE_2025",
      "7.1.bin, 1.2.840.113549.1.7.6, BASELINE_2025"})
  void contentTypesOutsideSmimeAreRejectedByName(String name, String contentType, AlgorithmPolicy policy) {
    assertThatThrownBy(() -> SMIME.read(open(name),
        ReadOptions.readAll(List.of(bob), carl).withAlgorithms(policy), new ByteArrayOutputStream()))
        .isInstanceOf(UnsupportedAlgorithmException.class)
        .hasMessageContaining(contentType);
  }

  private static SecurityReport verify(String name, AlgorithmPolicy policy, ByteArrayOutputStream content)
      throws IOException {
    ReadOptions options = ReadOptions.verify(carl).withAlgorithms(policy);
    if (name.equals("4.3.bin")) {
      options = options.withDetachedContent(open("ExContent.bin"));
    }
    try (InputStream in = open(name)) {
      return SMIME.read(in, options, content);
    }
  }

  private static SecurityReport decrypt(String name, AlgorithmPolicy policy, ByteArrayOutputStream content)
      throws IOException {
    try (InputStream in = open(name)) {
      return SMIME.read(in, ReadOptions.decrypt(List.of(bob)).withAlgorithms(policy), content);
    }
  }

  private static InputStream open(String name) throws IOException {
    return Files.newInputStream(dir.resolve(name));
  }

  private static List<X509Certificate> certificate(String name) throws IOException {
    try (InputStream in = open(name)) {
      return Certificates.read(in);
    }
  }
}
