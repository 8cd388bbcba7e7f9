package dev.signet.core.internal;

import dev.signet.core.ContentCipher;
import dev.signet.core.DigestAlgorithm;
import dev.signet.core.SignatureScheme;
import dev.signet.core.UnsupportedAlgorithmException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.DSAKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.bc.BcDSAContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcEdDSAContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcRSAContentVerifierProviderBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The one place that decides which algorithm and which provider does each job. Bulk work (digests,
 * symmetric ciphers) runs on the JDK's providers, whose HotSpot intrinsics are many times faster;
 * the Bouncy Castle provider covers what the JDK names differently or lacks.
 */
public final class AlgorithmRegistry {
  /**
   * Bouncy Castle's provider, our own instance, never registered globally; made on first use, since
   * it takes a third of a second to build and a verification does without it.
   */
  public static Provider bc() {
    return BcProvider.INSTANCE;
  }

  private static final class BcProvider {
    static final Provider INSTANCE = new BouncyCastleProvider();
  }

  /**
   * What every lightweight verifier shares, built once: the name generator fills two tables of about a
   * hundred entries each when it is made (14 us, most of building a verifier), and none of them is
   * changed after, so threads may share them.
   */
  private static final class VerifierParts {
    static final DefaultCMSSignatureAlgorithmNameGenerator NAMES = new DefaultCMSSignatureAlgorithmNameGenerator();
    static final DefaultSignatureAlgorithmIdentifierFinder SIGNATURES = new DefaultSignatureAlgorithmIdentifierFinder();
    static final DefaultDigestAlgorithmIdentifierFinder DIGESTS = new DefaultDigestAlgorithmIdentifierFinder();
  }
  public static final int MIN_RSA_BITS = 2048;

  private AlgorithmRegistry() {}

  /**
   * The digest a signer must use: Ed25519 in CMS requires SHA-512 (RFC 8419); ML-DSA takes SHA-512,
   * the one digest RFC 9882 requires for every parameter set, at least as strong as each.
   */
  public static DigestAlgorithm signingDigest(Key key, DigestAlgorithm requested) {
    return isEd25519(key) || PostQuantum.of(key).isPresent() ? DigestAlgorithm.SHA_512 : requested;
  }

  /**
   * Why a digest is too weak for a post-quantum signer's parameter set, if it is: RFC 9882 asks of
   * the message digest the collision strength of the ML-DSA parameter set (SHA-384 for ML-DSA-65,
   * SHA-512 for ML-DSA-87); RFC 9814 the same of SLH-DSA.
   */
  public static Optional<String> digestTooWeak(PublicKey key, DigestAlgorithm digest) {
    Optional<String> oid = PostQuantum.of(key).flatMap(f -> PostQuantum.algorithmOid(key));
    int needed = oid.map(AlgorithmRegistry::collisionBits).orElse(0);
    int offered = switch (digest) {
      case SHA_256 -> 128;
      case SHA_384 -> 192;
      case SHA_512 -> 256;
      default -> 0;
    };
    return offered >= needed ? Optional.empty()
        : Optional.of(digest.jcaName() + " is weaker than the signer's post-quantum key needs");
  }

  private static int collisionBits(String oid) {
    return switch (oid) {
      case "2.16.840.1.101.3.4.3.17" -> 128;
      case "2.16.840.1.101.3.4.3.18" -> 192;
      case "2.16.840.1.101.3.4.3.19" -> 256;
      // SLH-DSA: the 128, 192 and 256-bit sets, SHA-2 then SHAKE, small then fast
      case "2.16.840.1.101.3.4.3.20", "2.16.840.1.101.3.4.3.21", "2.16.840.1.101.3.4.3.26",
          "2.16.840.1.101.3.4.3.27" -> 128;
      case "2.16.840.1.101.3.4.3.22", "2.16.840.1.101.3.4.3.23", "2.16.840.1.101.3.4.3.28",
          "2.16.840.1.101.3.4.3.29" -> 192;
      default -> 256;
    };
  }

  /** The JCA signature name, as Bouncy Castle's CMS classes spell it. */
  public static String signatureName(Key key, DigestAlgorithm digest, SignatureScheme scheme) {
    String d = digest.jcaName().replace("-", "");
    if (key instanceof RSAKey) {
      return scheme == SignatureScheme.RSA_PSS ? d + "withRSAandMGF1" : d + "withRSA";
    }
    if (key instanceof ECKey) {
      return d + "withECDSA";
    }
    if (isEd25519(key)) {
      return "Ed25519";
    }
    if (PostQuantum.of(key).filter(f -> f != PostQuantum.ML_KEM).isPresent()) {
      return PostQuantum.usable((java.security.PrivateKey) key).getAlgorithm();
    }
    throw new UnsupportedAlgorithmException("cannot sign with a " + key.getAlgorithm() + " key");
  }

  public static boolean isEd25519(Key key) {
    if (key instanceof java.security.interfaces.EdECKey ed) {
      return ed.getParams().getName().equalsIgnoreCase("Ed25519");
    }
    return key.getAlgorithm().equalsIgnoreCase("Ed25519");
  }

  /**
   * Refuses, by name, what Bouncy Castle cannot run: X25519 under the X9.63 KDF (RFC 8418), whose
   * OID it wires to EC-only ECDH. X25519 under HKDF works and is what Signet writes.
   */
  public static void checkKeyAgreement(String keyEncryptionOid, java.security.PrivateKey key) {
    boolean x25519 = key instanceof java.security.interfaces.XECPrivateKey
        || key.getAlgorithm().equalsIgnoreCase("X25519");
    if (x25519 && !HKDF_AGREEMENTS.contains(keyEncryptionOid)) {
      throw new UnsupportedAlgorithmException("X25519 key agreement with " + keyEncryptionOid
          + " (the X9.63 KDF of RFC 8418) is not supported; X25519 with HKDF is");
    }
  }

  private static final java.util.Set<String> HKDF_AGREEMENTS = java.util.Set.of(
      org.bouncycastle.cms.CMSAlgorithm.ECDH_HKDF_SHA256.getId(), org.bouncycastle.cms.CMSAlgorithm.ECDH_HKDF_SHA384.getId(),
      org.bouncycastle.cms.CMSAlgorithm.ECDH_HKDF_SHA512.getId());

  /**
   * The provider that signs, per key type, chosen by measurement on our machines (2-core Zen 3,
   * JDK 17, warm JIT; {@code signet speed} and the signet-bench module re-measure): RSA-2048 JDK
   * 1,145 signatures/s against Bouncy Castle's 1,099 (PKCS#1 v1.5 on the JDK; PSS is spelled in
   * Bouncy Castle's names, at par); ECDSA P-256 JDK 2,060 against 4,290; Ed25519 JDK 1,800 against
   * 17,900.
   */
  public static Provider signingProvider(Key key, SignatureScheme scheme) {
    if (key instanceof RSAKey && scheme == SignatureScheme.RSA_PKCS1_V1_5) {
      return java.security.Security.getProvider("SunRsaSign");
    }
    return bc();
  }

  /**
   * The provider that recovers a content key with an RSA private key: the JDK's. Bouncy Castle's first proves
   * the key's modulus composite with a Miller-Rabin round, a full-size exponentiation that costs a short
   * {@code decrypt} process a quarter of a second, and the person's own key needs no such check.
   */
  public static Provider keyTransportProvider(PrivateKey key) {
    return key instanceof RSAKey ? java.security.Security.getProvider("SunJCE") : bc();
  }

  /**
   * How a signature is verified: with signed attributes (every S/MIME signature of this century),
   * Bouncy Castle's lightweight verifiers, which need no provider, so a verification starts a third
   * of a second sooner; without them (old mail: the signature is over the content digest itself),
   * Bouncy Castle's provider, whose raw RSA and DSA verification those need. Measured as above:
   * RSA-2048 31,100 verifications per s against the JDK's 30,200; ECDSA P-256 5,320 against 1,140;
   * Ed25519 13,700 against 1,780.
   */
  public static SignerInformationVerifier signatureVerifier(PublicKey key, boolean signedAttributes)
      throws OperatorCreationException {
    if (PostQuantum.of(key).isPresent()) {
      return new org.bouncycastle.cms.jcajce.JcaSignerInfoVerifierBuilder(contentDigests()).setProvider(bc())
          .build(PostQuantum.usable(key));
    }
    if (!signedAttributes) {
      return new org.bouncycastle.cms.jcajce.JcaSignerInfoVerifierBuilder(contentDigests()).setProvider(bc()).build(key);
    }
    AsymmetricKeyParameter param;
    try {
      param = PublicKeyFactory.createKey(SubjectPublicKeyInfo.getInstance(key.getEncoded()));
    } catch (IOException | RuntimeException e) {
      throw new OperatorCreationException("unusable public key: " + e.getMessage(), e);
    }
    var digests = VerifierParts.DIGESTS;
    var verifiers = switch (key.getAlgorithm().toUpperCase(java.util.Locale.ROOT)) {
      case "RSA", "RSASSA-PSS" -> new BcRSAContentVerifierProviderBuilder(digests).build(param);
      case "EC", "ECDSA" -> new BcECContentVerifierProviderBuilder(digests).build(param);
      case "DSA" -> new BcDSAContentVerifierProviderBuilder(digests).build(param);
      case "ED25519", "ED448", "EDDSA" -> new BcEdDSAContentVerifierProviderBuilder().build(param);
      default -> throw new OperatorCreationException("no verifier for " + key.getAlgorithm() + " keys");
    };
    return new SignerInformationVerifier(VerifierParts.NAMES, VerifierParts.SIGNATURES, verifiers, contentDigests());
  }

  /**
   * Digest calculators for content: the JDK's intrinsic SHA-2, fed on a second core once a
   * message is large enough for that to pay ({@link WriteBehindStream}).
   */
  public static DigestCalculatorProvider contentDigests() {
    try {
      DigestCalculatorProvider jdk = new JcaDigestCalculatorProviderBuilder().build();
      return algorithm -> writeBehind(jdk.get(algorithm));
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("no digest provider", e);
    }
  }

  private static DigestCalculator writeBehind(DigestCalculator inner) {
    return new DigestCalculator() {
      private WriteBehindStream stream;

      @Override
      public AlgorithmIdentifier getAlgorithmIdentifier() {
        return inner.getAlgorithmIdentifier();
      }

      @Override
      public OutputStream getOutputStream() {
        if (stream == null) {
          stream = new WriteBehindStream(inner.getOutputStream());
        }
        return stream;
      }

      @Override
      public byte[] getDigest() {
        try {
          if (stream != null) {
            stream.close();
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return inner.getDigest();
      }
    };
  }

  public static ASN1ObjectIdentifier oid(ContentCipher cipher) {
    return new ASN1ObjectIdentifier(cipher.oid());
  }

  /** Why a signer's public key is too weak for the baseline policy, if it is. */
  public static Optional<String> keyWeakness(PublicKey key) {
    if (key instanceof RSAKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
      return Optional.of("RSA-" + rsa.getModulus().bitLength() + " key (below " + MIN_RSA_BITS + " bits)");
    }
    if (key instanceof DSAKey) {
      return Optional.of("DSA key (no longer accepted)");
    }
    if (key instanceof ECKey ec && ec.getParams().getCurve().getField().getFieldSize() < 256) {
      return Optional.of("EC key on a curve below 256 bits");
    }
    return Optional.empty();
  }

  /**
   * Why a key is not FIPS 140 approved for new messages, if it is not: RSA of at least 2048 bits,
   * the NIST curves P-256, P-384 and P-521, and ML-KEM, ML-DSA and SLH-DSA (FIPS 203, 204 and 205)
   * are; Ed25519 and X25519 are refused (EdDSA is in FIPS 186-5, but CMS EdDSA and X25519 key
   * agreement are not in the approved set Signet offers).
   */
  public static Optional<String> fipsRefusal(PublicKey key) {
    if (PostQuantum.of(key).isPresent()) {
      return Optional.empty();
    }
    String algorithm = key.getAlgorithm();
    if (algorithm.equals("Ed25519") || algorithm.equals("EdDSA") || algorithm.equals("Ed448")) {
      return Optional.of("Ed25519 key (not FIPS 140 approved here)");
    }
    if (algorithm.equals("X25519") || algorithm.equals("XDH") || algorithm.equals("X448")) {
      return Optional.of("X25519 key (not FIPS 140 approved)");
    }
    if (key instanceof RSAKey || key instanceof ECKey) {
      return keyWeakness(key);
    }
    return Optional.of(algorithm + " key (not FIPS 140 approved)");
  }

  /** AES in any mode is FIPS 140 approved; triple DES is no longer, RC2 never was. */
  public static boolean fipsApproved(ContentCipher cipher) {
    return cipher.displayName().startsWith("AES-");
  }
}
