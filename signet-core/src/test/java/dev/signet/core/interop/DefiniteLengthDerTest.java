package dev.signet.core.interop;

import static dev.signet.core.interop.Interop.BODY;
import static dev.signet.core.interop.Interop.cmsDer;
import static dev.signet.core.interop.Interop.encrypt;
import static dev.signet.core.interop.Interop.files;
import static dev.signet.core.interop.Interop.id;
import static dev.signet.core.interop.Interop.message;
import static dev.signet.core.interop.Interop.opensslOk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.ContentCipher;
import dev.signet.core.EncryptOptions;
import dev.signet.core.Layer.SignedFormat;
import dev.signet.core.SignOptions;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import dev.signet.testkit.TestPki.KeyKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Signet writes definite-length DER, as OpenSSL does unless told to stream, for every message whose
 * CMS structure fits in 1 MiB; beyond that it streams BER, which OpenSSL still reads.
 */
class DefiniteLengthDerTest {
  @TempDir static Path dir;

  @BeforeAll
  static void requireOpenSsl() {
    ExternalTool.OPENSSL.require();
  }

  private static String asn1parse(byte[] der) {
    return new String(opensslOk(dir, der, "asn1parse", "-inform", "DER"), StandardCharsets.US_ASCII);
  }

  private static byte[] encryptedTo(KeyKind recipient, ContentCipher cipher, byte[] message) {
    return encrypt(message, EncryptOptions.defaults(List.of(id(recipient).certificate())).withCipher(cipher));
  }

  @ParameterizedTest(name = "{0} is definite-length DER")
  @EnumSource(value = ContentCipher.class, names = {"AES_128_GCM", "AES_256_GCM", "AES_128_CBC", "AES_256_CBC"})
  void anEncryptedMessageIsDefiniteLengthDer(ContentCipher cipher) {
    byte[] der = cmsDer(encryptedTo(KeyKind.RSA_2048, cipher, message(KeyKind.RSA_2048, KeyKind.RSA_2048)));

    assertThat(asn1parse(der)).doesNotContain("l=inf");
  }

  @Test
  void anOpaqueSignedMessageIsDefiniteLengthDer() {
    byte[] signed = Interop.sign(message(KeyKind.RSA_2048, KeyKind.EC_P256),
        SignOptions.defaults(Interop.digitalId(KeyKind.RSA_2048)).withFormat(SignedFormat.OPAQUE));

    assertThat(asn1parse(cmsDer(signed))).doesNotContain("l=inf");
  }

  @Test
  void aMessageBeyondTheBoundIsStreamedAsBerThatOpensslDecrypts() {
    String body = "x".repeat(76) + "\r\n";
    byte[] large = (new String(message(KeyKind.RSA_2048, KeyKind.RSA_2048), StandardCharsets.US_ASCII)
        + body.repeat(16_000)).getBytes(StandardCharsets.US_ASCII);
    byte[] encrypted = encryptedTo(KeyKind.RSA_2048, ContentCipher.AES_128_CBC, large);
    Interop.PkiFiles f = files(dir, KeyKind.RSA_2048);

    byte[] opened = opensslOk(dir, encrypted, "cms", "-decrypt", "-recip", f.certArg(), "-inkey", f.keyArg());

    assertThat(asn1parse(cmsDer(encrypted))).contains("l=inf");
    assertThat(new String(opened, StandardCharsets.US_ASCII)).endsWith(body);
  }

  @Test
  void pycaCryptographyDecryptsACbcMessage() throws Exception {
    ProcessRunner.Result probe = ProcessRunner.run(dir, Map.of(), new byte[0],
        List.of("python3", "-c", "import cryptography.hazmat.primitives.serialization.pkcs7 as p; p.pkcs7_decrypt_der"));
    Assumptions.assumeTrue(probe.exitCode() == 0, "python3's cryptography package with pkcs7_decrypt_der is not"
        + " installed: " + probe.stderr().strip());
    Interop.PkiFiles f = files(dir, KeyKind.RSA_2048);
    Path cms = Files.write(dir.resolve("pyca.p7m"),
        cmsDer(encryptedTo(KeyKind.RSA_2048, ContentCipher.AES_128_CBC, message(KeyKind.RSA_2048, KeyKind.RSA_2048))));
    String script = """
        import sys
        from cryptography import x509
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.serialization import pkcs7
        cert = x509.load_pem_x509_certificate(open(sys.argv[1], 'rb').read())
        key = serialization.load_pem_private_key(open(sys.argv[2], 'rb').read(), None)
        sys.stdout.buffer.write(pkcs7.pkcs7_decrypt_der(open(sys.argv[3], 'rb').read(), cert, key, []))
        """;

    ProcessRunner.Result r = ProcessRunner.run(dir, Map.of(), new byte[0],
        List.of("python3", "-c", script, f.certArg(), f.keyArg(), cms.toString()));

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdoutText()).startsWith("Content-Type: text/plain").endsWith(BODY);
  }
}
