package dev.signet.core.postquantum;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.ContentCipher;
import dev.signet.core.DigitalId;
import dev.signet.core.Layer;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.Smime;
import dev.signet.testkit.SharedTestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Published post-quantum examples: the IETF's ML-KEM-in-CMS worked example (copied into the test
 * resources, with its SOURCE.md) and Bouncy Castle's ML-DSA SignedData (no licence stated: read from
 * {@code ../shared/testdata}, skipped with a reason when absent).
 */
class PostQuantumExamplesTest {
  private static final String LAMPS = "lamps-cms-ml-kem/";

  @ParameterizedTest(name = "the IETF ML-KEM-512 example decrypts to \"Hello, world!\" with the key in its {0} form")
  @ValueSource(strings = {"seed", "expanded", "both"})
  void theIetfMlKemExampleDecrypts(String form) throws Exception {
    DigitalId recipient = DigitalId.of(privateKey(pem(resource("ML-KEM-512-" + form + ".priv"))),
        List.of(certificate(resource("ML-KEM-512.pem"))));

    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    SecurityReport report = Smime.withDefaults().read(new ByteArrayInputStream(resource("ML-KEM-512.cms")),
        ReadOptions.decrypt(List.of(recipient)), plain);

    assertThat(report.layers()).containsExactly(new Layer.Encrypted(ContentCipher.AES_128_GCM));
    assertThat(plain.toByteArray()).isEqualTo(resource("plaintext.txt"));
  }

  /** The examples carry no certificates: the signer's self-signed one is given beside them. */
  @ParameterizedTest(name = "Bouncy Castle's {0} SignedData example verifies with its certificate")
  @ValueSource(strings = {"ML-DSA-44", "ML-DSA-65", "ML-DSA-87"})
  void bouncyCastlesMlDsaExampleVerifies(String parameterSet) throws Exception {
    Path folder = SharedTestData.folder("bc-pkix-pq");
    String signed = Files.readString(folder.resolve("cms/mldsa/SignedData_" + parameterSet + ".pem"));
    byte[] pem = signed.substring(signed.indexOf("-----BEGIN")).getBytes(StandardCharsets.US_ASCII);
    X509Certificate cert = certificate(Files.readAllBytes(folder.resolve("cert/mldsa/" + parameterSet + ".pem")));

    SecurityReport report = Smime.withDefaults().read(new ByteArrayInputStream(pem),
        ReadOptions.verify(List.of(cert)).withIntermediates(List.of(cert)),
        java.io.OutputStream.nullOutputStream());

    assertThat(report.problems()).isEmpty();
    assertThat(report.signers()).singleElement().satisfies(s -> {
      assertThat(s.signatureValid()).isTrue();
      assertThat(s.digestAlgorithm()).isEqualTo("SHA-512");
    });
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = PostQuantumExamplesTest.class.getResourceAsStream(LAMPS + name)) {
      return in.readAllBytes();
    }
  }

  private static X509Certificate certificate(byte[] pem) throws Exception {
    String text = new String(pem, StandardCharsets.US_ASCII);
    int begin = text.indexOf("-----BEGIN CERTIFICATE-----");
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(text.substring(begin).getBytes(StandardCharsets.US_ASCII)));
  }

  private static byte[] pem(byte[] text) {
    String body = new String(text, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "");
    return Base64.getMimeDecoder().decode(body.strip());
  }

  private static PrivateKey privateKey(byte[] pkcs8) throws Exception {
    return KeyFactory.getInstance("ML-KEM", new BouncyCastleProvider()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
  }
}
