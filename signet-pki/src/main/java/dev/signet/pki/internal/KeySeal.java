package dev.signet.pki.internal;

import dev.signet.pki.CaException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Private keys at rest: PKCS#8 sealed with AES-256-GCM under a key derived once from the CA
 * passphrase (PBKDF2-HMAC-SHA256); the key's role is authenticated data, so sealed keys cannot be
 * swapped between roles.
 */
public final class KeySeal {
  public static final int ITERATIONS = 600_000;
  private static final int IV_BYTES = 12;
  private final SecretKeySpec key;
  private final SecureRandom random;

  private KeySeal(SecretKeySpec key, SecureRandom random) {
    this.key = key;
    this.random = random;
  }

  public static KeySeal derive(char[] passphrase, byte[] salt, int iterations, SecureRandom random) {
    if (passphrase.length == 0) {
      throw new CaException(CaException.Reason.WRONG_PASSPHRASE, "the CA passphrase is empty");
    }
    PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
    try {
      byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      try {
        return new KeySeal(new SecretKeySpec(derived, "AES"), random);
      } finally {
        Arrays.fill(derived, (byte) 0);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks PBKDF2-HMAC-SHA256", e);
    } finally {
      spec.clearPassword();
    }
  }

  public byte[] seal(PrivateKey privateKey, String role) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, role);
      byte[] sealed = cipher.doFinal(privateKey.getEncoded());
      return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    }
  }

  public PrivateKey open(byte[] sealed, String role, String algorithm) {
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(sealed, IV_BYTES), role);
      byte[] pkcs8 = cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      } finally {
        Arrays.fill(pkcs8, (byte) 0);
      }
    } catch (AEADBadTagException e) {
      throw new CaException(CaException.Reason.WRONG_PASSPHRASE, "wrong CA passphrase", e);
    } catch (GeneralSecurityException e) {
      throw new CaException(CaException.Reason.STORE, "the sealed " + role + " key cannot be read", e);
    }
  }

  private Cipher cipher(int mode, byte[] iv, String role) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(128, iv));
    cipher.updateAAD(role.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
