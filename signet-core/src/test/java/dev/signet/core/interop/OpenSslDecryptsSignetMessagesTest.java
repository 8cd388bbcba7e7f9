package dev.signet.core.interop;

import static dev.signet.core.interop.Interop.BODY;
import static dev.signet.core.interop.Interop.encrypt;
import static dev.signet.core.interop.Interop.files;
import static dev.signet.core.interop.Interop.id;
import static dev.signet.core.interop.Interop.message;
import static dev.signet.core.interop.Interop.openssl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.ContentCipher;
import dev.signet.core.EncryptOptions;
import dev.signet.core.KeyTransport;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import dev.signet.testkit.TestPki.KeyKind;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code openssl cms -decrypt} opens what Signet encrypts, for every cipher and key management Signet writes. */
class OpenSslDecryptsSignetMessagesTest {
  @TempDir static Path dir;

  @BeforeAll
  static void requireOpenSsl() {
    ExternalTool.OPENSSL.require();
  }

  /** How the content-encryption key reaches the recipient. */
  enum KeyManagement {
    RSA_PKCS1_V1_5(KeyKind.RSA_2048, KeyTransport.RSA_PKCS1_V1_5),
    RSA_OAEP(KeyKind.RSA_3072, KeyTransport.RSA_OAEP),
    ECDH_P256(KeyKind.EC_P256, KeyTransport.RSA_PKCS1_V1_5),
    ECDH_P384(KeyKind.EC_P384, KeyTransport.RSA_PKCS1_V1_5),
    ECDH_P521(KeyKind.EC_P521, KeyTransport.RSA_PKCS1_V1_5);

    final KeyKind recipient;
    final KeyTransport transport;

    KeyManagement(KeyKind recipient, KeyTransport transport) {
      this.recipient = recipient;
      this.transport = transport;
    }
  }

  enum Cipher {
    AES_128_GCM(ContentCipher.AES_128_GCM),
    AES_256_GCM(ContentCipher.AES_256_GCM),
    AES_128_CBC(ContentCipher.AES_128_CBC),
    AES_256_CBC(ContentCipher.AES_256_CBC);

    final ContentCipher cipher;

    Cipher(ContentCipher cipher) {
      this.cipher = cipher;
    }
  }

  static Stream<Arguments> ciphersAndKeyManagement() {
    return Stream.of(Cipher.values())
        .flatMap(c -> Stream.of(KeyManagement.values()).map(k -> Arguments.of(c, k)));
  }

  @ParameterizedTest(name = "OpenSSL decrypts a Signet {0} message whose key travels by {1}")
  @MethodSource("ciphersAndKeyManagement")
  void opensslDecryptsSignetMessage(Cipher cipher, KeyManagement km) {
    byte[] encrypted = encrypt(message(KeyKind.RSA_2048, km.recipient),
        EncryptOptions.defaults(List.of(id(km.recipient).certificate()))
            .withCipher(cipher.cipher).withKeyTransport(km.transport));

    ProcessRunner.Result r = decrypt(km.recipient, encrypted);

    assertThat(r.exitCode()).as("openssl cms -decrypt:\n%s", r.stderr()).isZero();
    assertThat(r.stdoutText()).startsWith("Content-Type: text/plain").endsWith(BODY);
  }

  /** The one message of the several-recipients tests, encrypted once. */
  private static final class ToSeveral {
    static final List<KeyKind> RECIPIENTS = List.of(KeyKind.RSA_2048, KeyKind.RSA_3072, KeyKind.EC_P256,
        KeyKind.EC_P384);
    static final byte[] MESSAGE = encrypt(message(KeyKind.RSA_2048, KeyKind.RSA_3072),
        EncryptOptions.defaults(RECIPIENTS.stream().map(k -> id(k).certificate()).toList()));
  }

  @ParameterizedTest(name = "OpenSSL decrypts, as the {0} recipient, a Signet message encrypted to four recipients")
  @EnumSource(value = KeyKind.class, names = {"RSA_2048", "RSA_3072", "EC_P256", "EC_P384"})
  void opensslDecryptsAsEachOfSeveralRecipients(KeyKind recipient) {
    ProcessRunner.Result r = decrypt(recipient, ToSeveral.MESSAGE);

    assertThat(r.exitCode()).as("openssl cms -decrypt:\n%s", r.stderr()).isZero();
    assertThat(r.stdoutText()).endsWith(BODY);
  }

  @Test
  void opensslCannotDecryptASignetMessageWithAKeyThatIsNotARecipients() {
    byte[] encrypted = encrypt(message(KeyKind.RSA_2048, KeyKind.RSA_3072),
        EncryptOptions.defaults(List.of(id(KeyKind.RSA_3072).certificate())));

    ProcessRunner.Result r = decrypt(KeyKind.RSA_2048, encrypted);

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stdoutText()).doesNotContain("quarterly figures");
  }

  private static ProcessRunner.Result decrypt(KeyKind recipient, byte[] encrypted) {
    Interop.PkiFiles f = files(dir, recipient);
    return openssl(dir, encrypted, "cms", "-decrypt", "-recip", f.certArg(), "-inkey", f.keyArg());
  }
}
