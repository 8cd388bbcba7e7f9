package dev.signet.core;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to sign.
 *
 * @param digest the content digest (Ed25519 always uses SHA-512, RFC 8419)
 * @param scheme the RSA signature scheme; ignored for EC and Ed25519 keys
 * @param format CLEAR (multipart/signed) or OPAQUE (application/pkcs7-mime signed-data)
 * @param sendCertificates whether the signer's chain (without its root) travels in the signature; without it
 *     readers need the certificate from elsewhere (a directory, an address book)
 * @param receiptRequest a signed-receipt request to carry (RFC 2634 section 2.7)
 * @param securityLabel a security label to carry (RFC 2634 section 3)
 * @param encryptionKeyPreference the certificate recipients should encrypt to (RFC 8551 section 2.5.3); when
 *     it is not the signer's and certificates are sent, it travels with the signer's chain, as RFC 8551
 *     section 2.5.3 asks
 * @param encryptionKeyChain the preferred certificate's chain as its digital ID holds it (the certificate
 *     first), whose issuers travel with it, without the root, as the signer's do; empty when only the
 *     certificate is known (the signer's chain then covers a certificate from the same CA)
 * @param preferredCipher the cipher our S/MIME capabilities list first, the one we ask others to encrypt with
 *     (RFC 8551 section 2.5.2); empty, the ciphers we write, strongest first
 */
public record SignOptions(DigitalId signer, DigestAlgorithm digest, SignatureScheme scheme, Layer.SignedFormat format,
    boolean sendCertificates, Optional<ReceiptRequest> receiptRequest, Optional<SecurityLabel> securityLabel,
    Optional<X509Certificate> encryptionKeyPreference, List<X509Certificate> encryptionKeyChain,
    Optional<ContentCipher> preferredCipher) {
  public SignOptions {
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(receiptRequest, "receiptRequest");
    Objects.requireNonNull(securityLabel, "securityLabel");
    Objects.requireNonNull(encryptionKeyPreference, "encryptionKeyPreference");
    encryptionKeyChain = List.copyOf(encryptionKeyChain);
    if (!encryptionKeyChain.isEmpty()
        && !encryptionKeyPreference.filter(encryptionKeyChain.get(0)::equals).isPresent()) {
      throw new IllegalArgumentException("the encryption key chain starts with the preferred certificate");
    }
    Objects.requireNonNull(preferredCipher, "preferredCipher");
    if (preferredCipher.isPresent() && !preferredCipher.get().mayEncrypt()) {
      throw new UnsupportedAlgorithmException(preferredCipher.get().displayName() + " is not used for new mail");
    }
    if (digest.isLegacy()) {
      throw new UnsupportedAlgorithmException(digest.jcaName() + " is not used for new signatures");
    }
    if (format == Layer.SignedFormat.DETACHED) {
      throw new IllegalArgumentException("messages are signed CLEAR or OPAQUE");
    }
  }

  /** Clear-signed, SHA-256, certificates sent, PKCS#1 v1.5 for RSA. */
  public static SignOptions defaults(DigitalId signer) {
    return new SignOptions(signer, DigestAlgorithm.SHA_256, SignatureScheme.RSA_PKCS1_V1_5, Layer.SignedFormat.CLEAR, true,
        Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty());
  }

  public SignOptions withDigest(DigestAlgorithm d) {
    return new SignOptions(signer, d, scheme, format, sendCertificates, receiptRequest, securityLabel,
        encryptionKeyPreference, encryptionKeyChain, preferredCipher);
  }

  public SignOptions withScheme(SignatureScheme s) {
    return new SignOptions(signer, digest, s, format, sendCertificates, receiptRequest, securityLabel,
        encryptionKeyPreference, encryptionKeyChain, preferredCipher);
  }

  public SignOptions withFormat(Layer.SignedFormat f) {
    return new SignOptions(signer, digest, scheme, f, sendCertificates, receiptRequest, securityLabel,
        encryptionKeyPreference, encryptionKeyChain, preferredCipher);
  }

  public SignOptions withCertificates(boolean send) {
    return new SignOptions(signer, digest, scheme, format, send, receiptRequest, securityLabel,
        encryptionKeyPreference, encryptionKeyChain, preferredCipher);
  }

  public SignOptions withReceiptRequest(ReceiptRequest r) {
    return new SignOptions(signer, digest, scheme, format, sendCertificates, Optional.of(r), securityLabel,
        encryptionKeyPreference, encryptionKeyChain, preferredCipher);
  }

  public SignOptions withSecurityLabel(SecurityLabel l) {
    return new SignOptions(signer, digest, scheme, format, sendCertificates, receiptRequest, Optional.of(l),
        encryptionKeyPreference, encryptionKeyChain, preferredCipher);
  }

  /** Names {@code c} as the certificate to encrypt to; only the certificate is known, not its chain. */
  public SignOptions withEncryptionKeyPreference(X509Certificate c) {
    return new SignOptions(signer, digest, scheme, format, sendCertificates, receiptRequest, securityLabel,
        Optional.of(c), List.of(), preferredCipher);
  }

  /** Names the first certificate of {@code chain} as the one to encrypt to; its issuers travel with it. */
  public SignOptions withEncryptionKeyPreference(List<X509Certificate> chain) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("an empty encryption key chain");
    }
    return new SignOptions(signer, digest, scheme, format, sendCertificates, receiptRequest, securityLabel,
        Optional.of(chain.get(0)), chain, preferredCipher);
  }

  public SignOptions withPreferredCipher(ContentCipher c) {
    return new SignOptions(signer, digest, scheme, format, sendCertificates, receiptRequest, securityLabel,
        encryptionKeyPreference, encryptionKeyChain, Optional.of(c));
  }
}
