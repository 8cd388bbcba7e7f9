package dev.signet.core;

import dev.signet.core.internal.PostQuantum;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * How to encrypt.
 *
 * @param recipients one certificate per recipient: RSA (key transport), EC or X25519 (ECDH), ML-KEM (KEM)
 * @param keyTransport how the key travels to RSA recipients
 */
public record EncryptOptions(List<X509Certificate> recipients, ContentCipher cipher, KeyTransport keyTransport) {
  public EncryptOptions {
    recipients = List.copyOf(recipients);
    Objects.requireNonNull(cipher, "cipher");
    Objects.requireNonNull(keyTransport, "keyTransport");
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("at least one recipient certificate is needed");
    }
    if (!cipher.mayEncrypt()) {
      throw new UnsupportedAlgorithmException(cipher.displayName() + " is not used for new messages");
    }
  }

  /**
   * AES-128-GCM AuthEnvelopedData, RSA PKCS#1 v1.5 key transport (what every client reads); AES-256-GCM
   * when a recipient has an ML-KEM key, so the content key is as strong against a quantum adversary
   * as the key that carries it.
   */
  public static EncryptOptions defaults(List<X509Certificate> recipients) {
    boolean postQuantum = recipients.stream()
        .anyMatch(c -> PostQuantum.of(c.getPublicKey()).filter(PostQuantum.ML_KEM::equals).isPresent());
    return new EncryptOptions(recipients, postQuantum ? ContentCipher.AES_256_GCM : ContentCipher.AES_128_GCM,
        KeyTransport.RSA_PKCS1_V1_5);
  }

  public EncryptOptions withCipher(ContentCipher c) {
    return new EncryptOptions(recipients, c, keyTransport);
  }

  public EncryptOptions withKeyTransport(KeyTransport k) {
    return new EncryptOptions(recipients, cipher, k);
  }
}
