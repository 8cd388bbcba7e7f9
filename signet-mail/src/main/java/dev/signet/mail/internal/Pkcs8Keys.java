package dev.signet.mail.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Private keys from their PKCS#8 encoding. */
public final class Pkcs8Keys {
  private Pkcs8Keys() {}

  /** The JDK's own key classes where it has them (as PKCS#12 gives them), else Bouncy Castle's (ML-DSA, ML-KEM). */
  public static PrivateKey read(String algorithm, byte[] pkcs8) throws GeneralSecurityException, IOException {
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (NoSuchAlgorithmException e) {
      return BouncyCastleProvider.getPrivateKey(PrivateKeyInfo.getInstance(pkcs8));
    }
  }
}
