package dev.signet.core.interop;

import static dev.signet.core.interop.Interop.PKI;
import static dev.signet.core.interop.Interop.files;
import static dev.signet.core.interop.Interop.id;
import static dev.signet.core.interop.Interop.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.ProblemCode;
import dev.signet.core.ReadOptions;
import dev.signet.core.Verdict;
import dev.signet.testkit.ProcessRunner;
import dev.signet.testkit.TestPki.KeyKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pyca/cryptography, asked for S/MIME without its detached option, writes multipart/signed whose
 * signature also carries the content: Signet reads it as OpenSSL does.
 */
class PycaClearSignedTest {
  private static final String SIGN = """
      import sys
      from cryptography import x509
      from cryptography.hazmat.primitives import hashes, serialization
      from cryptography.hazmat.primitives.serialization import pkcs7
      cert = x509.load_pem_x509_certificate(open(sys.argv[1], 'rb').read())
      key = serialization.load_pem_private_key(open(sys.argv[2], 'rb').read(), None)
      intermediate = x509.load_pem_x509_certificate(open(sys.argv[3], 'rb').read())
      body = b'Content-Type: text/plain\\r\\n\\r\\nThe figures are attached.\\r\\n'
      signed = pkcs7.PKCS7SignatureBuilder().set_data(body).add_signer(cert, key, hashes.SHA256()) \\
          .add_certificate(intermediate).sign(serialization.Encoding.SMIME, [])
      sys.stdout.buffer.write(signed)
      """;

  @TempDir Path dir;

  @Test
  void aPycaClearSignatureCarryingTheContentIsValidAndNoted() throws IOException {
    ProcessRunner.Result probe = ProcessRunner.run(dir, Map.of(), new byte[0],
        List.of("python3", "-c", "import cryptography.hazmat.primitives.serialization.pkcs7"));
    Assumptions.assumeTrue(probe.exitCode() == 0, "python3's cryptography package is not installed: "
        + probe.stderr().strip());
    Interop.PkiFiles f = files(dir, KeyKind.RSA_2048);
    ProcessRunner.Result signed = ProcessRunner.run(dir, Map.of(), new byte[0],
        List.of("python3", "-c", SIGN, f.certArg(), f.keyArg(), f.intermediate().toString()));
    assertThat(signed.exitCode()).as(signed.stderr()).isZero();
    byte[] message = ("From: " + id(KeyKind.RSA_2048).email() + "\r\n" + signed.stdoutText())
        .getBytes(StandardCharsets.US_ASCII);

    Interop.Read r = read(message, ReadOptions.verify(PKI.anchors()));

    assertThat(r.report().verdict()).as("problems: %s", r.report().problems()).isEqualTo(Verdict.VALID);
    assertThat(r.report().has(ProblemCode.EMBEDDED_CONTENT)).isTrue();
  }
}
