package dev.signet.core;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What compose will do to a message, decided by {@link ComposePolicy} before anything is written.
 *
 * @param encryptTo every certificate the message is encrypted to, the sender's own included
 * @param cannotRead recipients left out of the encryption, by address
 */
public record ComposePlan(boolean sign, Layer.SignedFormat format, boolean encrypt, ContentCipher cipher,
    KeyTransport keyTransport, List<X509Certificate> encryptTo, List<String> cannotRead, List<Decision> decisions) {
  public ComposePlan {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(cipher, "cipher");
    Objects.requireNonNull(keyTransport, "keyTransport");
    encryptTo = List.copyOf(encryptTo);
    cannotRead = List.copyOf(cannotRead);
    decisions = List.copyOf(decisions);
  }

  public SignOptions signOptions(DigitalId sender) {
    return SignOptions.defaults(sender).withFormat(format);
  }

  public EncryptOptions encryptOptions() {
    return new EncryptOptions(encryptTo, cipher, keyTransport);
  }
}
