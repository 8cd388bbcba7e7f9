package dev.signet.mail;

import dev.signet.core.ContentCipher;
import dev.signet.core.DigestAlgorithm;
import java.util.Objects;
import java.util.Optional;

/**
 * A named set of security settings: which ID signs, which receives encrypted mail, the hash, the
 * preferred cipher, whether our certificates travel with signed mail, an optional default ESS
 * security label (DER), while it is the default profile, whether new digital IDs are
 * non-exportable unless told otherwise ({@code id new}, {@code id enroll}, {@code id import}, the web),
 * and whether encrypted mail keeps its Subject visible outside rather than {@code [...]} (RFC 9788).
 */
public record Profile(String name, String signingId, Optional<String> encryptionId, DigestAlgorithm hash,
    ContentCipher cipher, boolean sendCertificates, Optional<byte[]> label, boolean nonExportable,
    boolean subjectVisible) {

  /** A profile under which encrypted mail shows {@code Subject: [...]} outside. */
  public Profile(String name, String signingId, Optional<String> encryptionId, DigestAlgorithm hash,
      ContentCipher cipher, boolean sendCertificates, Optional<byte[]> label, boolean nonExportable) {
    this(name, signingId, encryptionId, hash, cipher, sendCertificates, label, nonExportable, false);
  }

  /** A profile that leaves new digital IDs exportable. */
  public Profile(String name, String signingId, Optional<String> encryptionId, DigestAlgorithm hash,
      ContentCipher cipher, boolean sendCertificates, Optional<byte[]> label) {
    this(name, signingId, encryptionId, hash, cipher, sendCertificates, label, false);
  }

  public Profile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(signingId, "signingId");
    Objects.requireNonNull(encryptionId, "encryptionId");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(cipher, "cipher");
    label = label.map(byte[]::clone);
    if (hash.isLegacy()) {
      throw new IllegalArgumentException("refused hash for new mail: " + hash);
    }
    if (!cipher.mayEncrypt()) {
      throw new IllegalArgumentException("refused cipher for new mail: " + cipher.displayName());
    }
  }

  /** Defaults: SHA-256, AES-128-GCM, certificates sent, no label, new IDs exportable; the signing ID also receives. */
  public static Profile of(String name, String signingId) {
    return new Profile(name, signingId, Optional.empty(), DigestAlgorithm.SHA_256, ContentCipher.AES_128_GCM, true,
        Optional.empty());
  }

  /** This profile making new digital IDs non-exportable by default, or not. */
  public Profile withNonExportable(boolean sealed) {
    return new Profile(name, signingId, encryptionId, hash, cipher, sendCertificates, label, sealed, subjectVisible);
  }

  /** This profile keeping the Subject of encrypted mail visible outside, or not. */
  public Profile withSubjectVisible(boolean visible) {
    return new Profile(name, signingId, encryptionId, hash, cipher, sendCertificates, label, nonExportable, visible);
  }

  /** The ID others encrypt to: the encryption ID, else the signing ID. */
  public String receivingId() {
    return encryptionId.orElse(signingId);
  }

  public boolean uses(String idName) {
    return signingId.equals(idName) || receivingId().equals(idName);
  }
}
