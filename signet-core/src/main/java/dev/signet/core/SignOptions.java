package dev.signet.core;

import java.util.Objects;

/**
 * How to sign.
 *
 * @param digest the content digest (Ed25519 always uses SHA-512, RFC 8419)
 * @param scheme the RSA signature scheme; ignored for EC and Ed25519 keys
 * @param format CLEAR (multipart/signed) or OPAQUE (application/pkcs7-mime signed-data)
 */
public record SignOptions(DigitalId signer, DigestAlgorithm digest, SignatureScheme scheme, Layer.SignedFormat format) {
  public SignOptions {
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(format, "format");
    if (digest.isLegacy()) {
      throw new UnsupportedAlgorithmException(digest.jcaName() + " is not used for new signatures");
    }
    if (format == Layer.SignedFormat.DETACHED) {
      throw new IllegalArgumentException("messages are signed CLEAR or OPAQUE");
    }
  }

  /** Clear-signed, SHA-256, PKCS#1 v1.5 for RSA. */
  public static SignOptions defaults(DigitalId signer) {
    return new SignOptions(signer, DigestAlgorithm.SHA_256, SignatureScheme.RSA_PKCS1_V1_5, Layer.SignedFormat.CLEAR);
  }

  public SignOptions withDigest(DigestAlgorithm d) {
    return new SignOptions(signer, d, scheme, format);
  }

  public SignOptions withScheme(SignatureScheme s) {
    return new SignOptions(signer, digest, s, format);
  }

  public SignOptions withFormat(Layer.SignedFormat f) {
    return new SignOptions(signer, digest, scheme, f);
  }
}
