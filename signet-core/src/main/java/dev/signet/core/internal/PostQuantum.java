package dev.signet.core.internal;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cms.CMSAlgorithm;

/**
 * The post-quantum key families Signet knows (FIPS 203 ML-KEM, FIPS 204 ML-DSA, FIPS 205 SLH-DSA),
 * recognised by the algorithm OID in the key's encoding: the JDK 17 parses such certificates but
 * hands back keys it cannot use, so they are rebuilt on Bouncy Castle's provider.
 */
public enum PostQuantum {
  ML_KEM("ML-KEM"),
  ML_DSA("ML-DSA"),
  SLH_DSA("SLH-DSA");

  private static final String SIGNATURE_ARC = "2.16.840.1.101.3.4.3.";
  private static final String KEM_ARC = "2.16.840.1.101.3.4.4.";
  /** The names the JDK's and Bouncy Castle's providers give keys that are not post-quantum. */
  private static final Set<String> CLASSICAL = Set.of("RSA", "RSASSA-PSS", "EC", "ECDSA", "DSA", "DH", "Ed25519",
      "Ed448", "EdDSA", "X25519", "X448", "XDH");
  private final String jcaName;

  PostQuantum(String jcaName) {
    this.jcaName = jcaName;
  }

  /** The family of a key, if it is post-quantum. */
  public static Optional<PostQuantum> of(Key key) {
    if (CLASSICAL.contains(key.getAlgorithm())) {
      return Optional.empty(); // asked of nearly every key on every message: not worth parsing its encoding
    }
    return algorithmOid(key).flatMap(PostQuantum::ofOid);
  }

  static Optional<PostQuantum> ofOid(String oid) {
    if (oid.startsWith(KEM_ARC)) {
      return lastArc(oid, KEM_ARC) <= 3 ? Optional.of(ML_KEM) : Optional.empty();
    }
    if (oid.startsWith(SIGNATURE_ARC)) {
      int arc = lastArc(oid, SIGNATURE_ARC);
      if (arc >= 17 && arc <= 19) {
        return Optional.of(ML_DSA);
      }
      if (arc >= 20 && arc <= 31) {
        return Optional.of(SLH_DSA);
      }
    }
    return Optional.empty();
  }

  private static int lastArc(String oid, String prefix) {
    String rest = oid.substring(prefix.length());
    return rest.matches("[0-9]{1,3}") ? Integer.parseInt(rest) : -1;
  }

  /** The parameter set's OID, as the key's encoding names it. */
  static Optional<String> algorithmOid(Key key) {
    byte[] encoded = key.getEncoded();
    if (encoded == null) {
      return Optional.empty();
    }
    try {
      ASN1ObjectIdentifier oid = key instanceof PrivateKey
          ? PrivateKeyInfo.getInstance(encoded).getPrivateKeyAlgorithm().getAlgorithm()
          : SubjectPublicKeyInfo.getInstance(encoded).getAlgorithm().getAlgorithm();
      return Optional.of(oid.getId());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The key as Bouncy Castle's provider holds it, when it is post-quantum; other keys as they are. */
  public static PublicKey usable(PublicKey key) {
    return rebuilt(key, "public", (factory, der) -> factory.generatePublic(new X509EncodedKeySpec(der)));
  }

  /** As {@link #usable(PublicKey)}, for a private key. */
  public static PrivateKey usable(PrivateKey key) {
    return rebuilt(key, "private", (factory, der) -> factory.generatePrivate(new PKCS8EncodedKeySpec(der)));
  }

  private interface Rebuilding<K> {
    K from(KeyFactory factory, byte[] encoded) throws GeneralSecurityException;
  }

  private static <K extends Key> K rebuilt(K key, String kind, Rebuilding<K> rebuilding) {
    Optional<PostQuantum> family = of(key);
    if (family.isEmpty() || key.getClass().getName().startsWith("org.bouncycastle.")) {
      return key;
    }
    try {
      return rebuilding.from(KeyFactory.getInstance(family.get().jcaName, AlgorithmRegistry.bc()), key.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("unusable " + family.get().jcaName + " " + kind + " key: " + e.getMessage(), e);
    }
  }

  /** The key wrap RFC 9936 pairs with each ML-KEM parameter set: AES-128 for ML-KEM-512, else AES-256. */
  static ASN1ObjectIdentifier kemKeyWrap(PublicKey key) {
    boolean kem512 = algorithmOid(key).filter(NISTObjectIdentifiers.id_alg_ml_kem_512.getId()::equals).isPresent();
    return kem512 ? CMSAlgorithm.AES128_WRAP : CMSAlgorithm.AES256_WRAP;
  }

  /** One ML-KEM encapsulation to {@code key}: a fresh 256-bit secret and the ciphertext that carries it. */
  public static byte[] encapsulate(PublicKey key, java.security.SecureRandom random) throws GeneralSecurityException {
    javax.crypto.KeyGenerator kem = javax.crypto.KeyGenerator.getInstance("ML-KEM", AlgorithmRegistry.bc());
    kem.init(new org.bouncycastle.jcajce.spec.KEMGenerateSpec(usable(key), "AES", 256), random);
    return ((org.bouncycastle.jcajce.SecretKeyWithEncapsulation) kem.generateKey()).getEncapsulation();
  }

  /** Recovers the secret an encapsulation carries. */
  public static void decapsulate(PrivateKey key, byte[] encapsulation) throws GeneralSecurityException {
    javax.crypto.KeyGenerator kem = javax.crypto.KeyGenerator.getInstance("ML-KEM", AlgorithmRegistry.bc());
    kem.init(new org.bouncycastle.jcajce.spec.KEMExtractSpec(usable(key), encapsulation, "AES", 256));
    kem.generateKey();
  }

  /** The JCA name Bouncy Castle gives the family ({@code ML-DSA}, ...). */
  public String jcaName() {
    return jcaName;
  }
}
