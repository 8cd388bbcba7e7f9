package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import dev.signet.testkit.TestPki;
import dev.signet.testkit.TestPki.KeyKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The userSMIMECertificate value: written by the signing code, read back by the reading code and by OpenSSL. */
class SignedCertificatesTest {
  static final TestPki PKI = TestPki.get();
  static final DigitalId SIGNER = DigitalId.of(PKI.identity(KeyKind.EC_P256).privateKey(),
      PKI.identity(KeyKind.EC_P256).chain());
  static final java.security.cert.X509Certificate ENCRYPTION = PKI.identity(KeyKind.RSA_2048).certificate();
  @TempDir Path dir;

  byte[] signedCertificates() throws IOException {
    return Smime.withDefaults().signedCertificates(SignOptions.defaults(SIGNER), List.of(ENCRYPTION));
  }

  @Test
  void theReaderFindsAGoodSignatureByTheSignerWithItsCapabilities() throws IOException {
    SecurityReport report = Smime.withDefaults().read(new ByteArrayInputStream(signedCertificates()),
        ReadOptions.verify(PKI.anchors()), OutputStream.nullOutputStream());

    SignerReport signer = report.signers().get(0);
    assertThat(signer.signatureValid()).isTrue();
    assertThat(signer.trust()).isEqualTo(SignerReport.Trust.TRUSTED);
    assertThat(signer.certificate()).contains(SIGNER.certificate());
    assertThat(signer.capabilities()).containsExactly(ContentCipher.AES_256_GCM, ContentCipher.AES_128_GCM,
        ContentCipher.AES_256_CBC, ContentCipher.AES_128_CBC);
  }

  @Test
  void openSslVerifiesItAndFindsBothCertificates() throws IOException {
    ExternalTool.OPENSSL.require();
    Path blob = Files.write(dir.resolve("smime.der"), signedCertificates());
    Path roots = TestPki.writeCertificatesPem(dir.resolve("roots.pem"), PKI.anchors());

    ProcessRunner.Result verify = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("openssl", "cms", "-verify",
        "-inform", "DER", "-in", blob.toString(), "-CAfile", roots.toString(), "-purpose", "any", "-out", "/dev/null"));
    ProcessRunner.Result certs = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("openssl", "pkcs7", "-inform",
        "DER", "-in", blob.toString(), "-print_certs", "-noout"));

    assertThat(verify.exitCode()).as(verify.stderr()).isZero();
    assertThat(certs.stdoutText()).contains("Signet Test EC-P256").contains("Signet Test RSA2048");
  }
}
