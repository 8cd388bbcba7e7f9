package dev.signet.pki.internal;

import dev.signet.pki.CertificateProfile;
import java.security.Key;
import java.security.PrivateKey;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The kinds of subscriber key the CA certifies, known by the algorithm of the key's encoding (the
 * JDK 17 cannot use ML-DSA and ML-KEM keys, but their encodings name them), and the key usage each
 * has in each profile: RSA and EC sign and encrypt; ML-DSA only signs (RFC 9881); ML-KEM only
 * encrypts, by keyEncipherment alone (RFC 9935).
 */
public enum KeyFamily {
  RSA("RSA", true, KeyUsage.keyEncipherment),
  EC("EC", true, KeyUsage.keyAgreement),
  ML_DSA("ML-DSA", true, 0),
  ML_KEM("ML-KEM", false, KeyUsage.keyEncipherment);

  /** The parameter sets of FIPS 204 and FIPS 203 this CA certifies, by their OIDs. */
  static final Map<ASN1ObjectIdentifier, String> PARAMETER_SETS = Map.of(
      NISTObjectIdentifiers.id_ml_dsa_44, "ML-DSA-44", NISTObjectIdentifiers.id_ml_dsa_65, "ML-DSA-65",
      NISTObjectIdentifiers.id_ml_dsa_87, "ML-DSA-87", NISTObjectIdentifiers.id_alg_ml_kem_512, "ML-KEM-512",
      NISTObjectIdentifiers.id_alg_ml_kem_768, "ML-KEM-768", NISTObjectIdentifiers.id_alg_ml_kem_1024, "ML-KEM-1024");

  private final String displayName;
  private final boolean signs;
  private final int encipherment;

  KeyFamily(String displayName, boolean signs, int encipherment) {
    this.displayName = displayName;
    this.signs = signs;
    this.encipherment = encipherment;
  }

  public static Optional<KeyFamily> of(SubjectPublicKeyInfo key) {
    ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
    if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      return Optional.of(RSA);
    }
    if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      return Optional.of(EC);
    }
    String name = PARAMETER_SETS.get(algorithm);
    return name == null ? Optional.empty() : Optional.of(name.startsWith("ML-KEM") ? ML_KEM : ML_DSA);
  }

  /** The family of a public key, or of a private key by its PKCS#8 encoding. */
  public static Optional<KeyFamily> of(Key key) {
    try {
      if (key instanceof PrivateKey) {
        AlgorithmIdentifier algorithm = PrivateKeyInfo.getInstance(key.getEncoded()).getPrivateKeyAlgorithm();
        return of(new SubjectPublicKeyInfo(algorithm, new byte[0]));
      }
      return of(SubjectPublicKeyInfo.getInstance(key.getEncoded()));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  public boolean signs() {
    return signs;
  }

  public boolean encrypts() {
    return encipherment != 0;
  }

  /** Why a key of this family cannot have a certificate of {@code profile}, if it cannot. */
  public Optional<String> unfit(CertificateProfile profile) {
    if (profile.signs() && !signs) {
      return Optional.of("an " + displayName + " key only encrypts: it gets an encryption certificate");
    }
    if (profile.encrypts() && !encrypts()) {
      return Optional.of("an " + displayName + " key only signs: it gets a signing certificate");
    }
    return Optional.empty();
  }

  /** The key usage of a {@code profile} certificate for a key of this family (which {@link #unfit} accepts). */
  public int keyUsage(CertificateProfile profile) {
    return (profile.signs() && signs ? KeyUsage.digitalSignature : 0) | (profile.encrypts() ? encipherment : 0);
  }

  public String displayName() {
    return displayName;
  }
}
