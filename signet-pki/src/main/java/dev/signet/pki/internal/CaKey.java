package dev.signet.pki.internal;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A CA's private key with its certificate; it signs with SHA-384 ECDSA for EC keys, SHA-256 RSA otherwise.
 * Requests are signed the same way, and an ML-DSA key's (a person's) with ML-DSA itself, on Bouncy Castle.
 */
public record CaKey(PrivateKey privateKey, X509Certificate certificate) {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  @Override
  public String toString() {
    return "CaKey[" + certificate.getSubjectX500Principal().getName() + "]";
  }

  public static String signatureAlgorithm(PrivateKey key) {
    return key instanceof ECKey ? "SHA384withECDSA" : "SHA256withRSA";
  }

  ContentSigner signer() {
    return signer(privateKey);
  }

  static ContentSigner signer(PrivateKey privateKey) {
    try {
      if (KeyFamily.of(privateKey).filter(KeyFamily.ML_DSA::equals).isPresent()) {
        return new JcaContentSignerBuilder(privateKey.getAlgorithm()).setProvider(BC).build(privateKey);
      }
      return new JcaContentSignerBuilder(signatureAlgorithm(privateKey)).build(privateKey);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot sign with the CA key", e);
    }
  }
}
