package dev.signet.core;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What compose will do to a message, decided by {@link ComposePolicy} before anything is written.
 *
 * @param encryptTo every certificate the message is encrypted to, the sender's own included
 * @param cannotRead recipients left out of the encryption, by address
 * @param receiptRequest the signed-receipt request the signature carries, if any
 * @param securityLabel the security label the signature carries, if any
 * @param announcedFirst the cipher the signature's S/MIME capabilities list first (RFC 8551 section 2.5.2): the
 *     sender's preferred cipher when policy lets it be used; empty, strongest first
 * @param confidentiality what the outside of the encrypted message shows of its header fields (RFC 9788)
 */
public record ComposePlan(boolean sign, Layer.SignedFormat format, SenderSettings settings, boolean encrypt,
    ContentCipher cipher, KeyTransport keyTransport, List<X509Certificate> encryptTo, List<String> cannotRead,
    List<Decision> decisions, Optional<ReceiptRequest> receiptRequest, Optional<SecurityLabel> securityLabel,
    Optional<ContentCipher> announcedFirst, HeaderConfidentiality confidentiality) {
  public ComposePlan {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(cipher, "cipher");
    Objects.requireNonNull(keyTransport, "keyTransport");
    encryptTo = List.copyOf(encryptTo);
    cannotRead = List.copyOf(cannotRead);
    decisions = List.copyOf(decisions);
    Objects.requireNonNull(receiptRequest, "receiptRequest");
    Objects.requireNonNull(securityLabel, "securityLabel");
    Objects.requireNonNull(announcedFirst, "announcedFirst");
    Objects.requireNonNull(confidentiality, "confidentiality");
  }

  /** The same plan encrypting to {@code certificates} instead: one copy of a message that goes out as several. */
  public ComposePlan withEncryptTo(List<X509Certificate> certificates) {
    return new ComposePlan(sign, format, settings, encrypt, cipher, keyTransport, certificates, cannotRead, decisions,
        receiptRequest, securityLabel, announcedFirst, confidentiality);
  }

  public SignOptions signOptions(DigitalId sender) {
    SignOptions options = SignOptions.defaults(sender).withFormat(format).withDigest(settings.digest())
        .withCertificates(settings.sendCertificates()).withEncryptionKeyPreference(settings.encryptionCertificate());
    options = announcedFirst.map(options::withPreferredCipher).orElse(options);
    SignOptions requesting = receiptRequest.map(options::withReceiptRequest).orElse(options);
    return securityLabel.map(requesting::withSecurityLabel).orElse(requesting);
  }

  /** The outer signature of a triple-wrapped message (RFC 2634 section 1.1): the label, nothing inner. */
  public SignOptions outerSignOptions(DigitalId sender) {
    SignOptions options = SignOptions.defaults(sender).withFormat(format).withDigest(settings.digest())
        .withCertificates(settings.sendCertificates());
    options = announcedFirst.map(options::withPreferredCipher).orElse(options);
    return securityLabel.map(options::withSecurityLabel).orElse(options);
  }

  public EncryptOptions encryptOptions() {
    return new EncryptOptions(encryptTo, cipher, keyTransport);
  }
}
