package dev.signet.core;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * The sender's own security settings (a settings profile): how they sign and what they prefer.
 *
 * @param digest the hash new signatures use
 * @param preferredCipher taken when policy allows it and every recipient reads it
 * @param sendCertificates whether the signer's chain travels with signed mail
 * @param encryptionCertificate the certificate the sent copy is encrypted to, and that others should encrypt to
 * @param cipherChosen whether the person chose {@code preferredCipher} (a profile's), rather than it being
 *     the default: only a chosen cipher goes to recipients whose capabilities are unknown ahead of the
 *     organisation's DefaultEncryptionCipher
 * @param subjectVisible whether encrypted mail shows its Subject outside (RFC 9788 hcp_no_confidentiality) rather
 *     than {@code [...]}
 */
public record SenderSettings(DigestAlgorithm digest, ContentCipher preferredCipher, boolean sendCertificates,
    X509Certificate encryptionCertificate, boolean cipherChosen, boolean subjectVisible) {
  public SenderSettings {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(preferredCipher, "preferredCipher");
    Objects.requireNonNull(encryptionCertificate, "encryptionCertificate");
  }

  /** These settings signing with {@code newDigest} (the sign verb's --hash). */
  public SenderSettings withDigest(DigestAlgorithm newDigest) {
    return new SenderSettings(newDigest, preferredCipher, sendCertificates, encryptionCertificate, cipherChosen,
        subjectVisible);
  }

  /** These settings offering {@code certificate} to correspondents for encrypting to the sender. */
  public SenderSettings withEncryptionCertificate(X509Certificate certificate) {
    return new SenderSettings(digest, preferredCipher, sendCertificates, certificate, cipherChosen, subjectVisible);
  }

  public SenderSettings withSubjectVisible(boolean visible) {
    return new SenderSettings(digest, preferredCipher, sendCertificates, encryptionCertificate, cipherChosen, visible);
  }

  /**
   * SHA-256, AES-128-GCM (not chosen), certificates sent, the signing ID also receives encrypted mail, the
   * Subject hidden.
   */
  public static SenderSettings of(DigitalId id) {
    return new SenderSettings(DigestAlgorithm.SHA_256, ContentCipher.AES_128_GCM, true, id.certificate(), false, false);
  }
}
