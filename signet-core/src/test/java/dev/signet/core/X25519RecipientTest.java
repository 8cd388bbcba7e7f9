package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.testkit.TestPki;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** X25519 recipients (key agreement under the HKDF scheme, which Bouncy Castle runs for X25519). */
class X25519RecipientTest {

  @ParameterizedTest(name = "a message encrypted with {0} to an X25519 recipient decrypts with its key")
  @EnumSource(value = ContentCipher.class, names = {"AES_128_GCM", "AES_256_GCM", "AES_128_CBC", "AES_256_CBC"})
  void aMessageToAnX25519RecipientDecryptsWithItsKey(ContentCipher cipher) throws IOException {
    TestPki.Identity dana = TestPki.get().identity(TestPki.KeyKind.X25519);
    byte[] message = "From: a@example.org\r\n\r\nfor dana\r\n".getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
    Smime.withDefaults().encrypt(new ByteArrayInputStream(message),
        EncryptOptions.defaults(List.of(dana.certificate())).withCipher(cipher), encrypted);

    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    SecurityReport report = Smime.withDefaults().read(new ByteArrayInputStream(encrypted.toByteArray()),
        ReadOptions.decrypt(List.of(DigitalId.of(dana.privateKey(), dana.chain()))), plain);

    assertThat(report.layers()).containsExactly(new Layer.Encrypted(cipher));
    assertThat(plain.toString(StandardCharsets.US_ASCII)).endsWith("for dana\r\n");
  }
}
