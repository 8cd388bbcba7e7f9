package dev.signet.core.postquantum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.signet.core.DigitalId;
import dev.signet.core.SignOptions;
import dev.signet.core.Smime;
import dev.signet.testkit.ProcessRunner;
import dev.signet.testkit.TestPki;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenSSL gained ML-DSA and ML-KEM in 3.5; the 3.0 series installed here has neither, so it cannot
 * check Signet's post-quantum signatures. Pinned, as the Ed25519 gap of OpenSSL 3.0 is: when a newer
 * OpenSSL is installed this test stops applying and the interop tests should take ML-DSA in.
 */
class OpenSslPostQuantumTest {
  @TempDir Path dir;

  @Test
  void openssl30CannotVerifyAnMlDsaSignature() throws IOException {
    String version = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("openssl", "version")).stdoutText();
    assumeTrue(version.matches("(?s)OpenSSL 3\\.[0-4]\\..*"), "OpenSSL " + version.strip() + " may know ML-DSA");
    DigitalId signer = PostQuantumIds.mlDsa("ML-DSA-65");
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    Smime.withDefaults().sign(new ByteArrayInputStream(MlDsaSignatureTest.from("ML-DSA-65")),
        SignOptions.defaults(signer), signed);
    Path root = TestPki.writeCertificatesPem(dir.resolve("root.pem"), List.of(TestPki.get().root()));

    ProcessRunner.Result r = ProcessRunner.run(dir, Map.of(), signed.toByteArray(),
        List.of("openssl", "cms", "-verify", "-CAfile", root.toString()));

    assertThat(r.exitCode()).isNotZero();
    // It cannot even decode the signer's ML-DSA public key.
    assertThat(r.stderr()).containsIgnoringCase("X509_PUBKEY_get0:decode error");
  }
}
