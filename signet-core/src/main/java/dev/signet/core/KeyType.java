package dev.signet.core;

import dev.signet.core.internal.DigitalIdCodec;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * Key types for new digital IDs. ML-DSA keys sign only; ML-KEM keys only receive encrypted mail and
 * cannot sign their own certificate, so an ML-KEM ID is made beside a signing ID, which issues it.
 */
public enum KeyType {
  RSA_2048("rsa2048"),
  RSA_3072("rsa3072"),
  RSA_4096("rsa4096"),
  EC_P256("ec-p256"),
  EC_P384("ec-p384"),
  EC_P521("ec-p521"),
  ED25519("ed25519"),
  ML_DSA_44("ml-dsa-44"),
  ML_DSA_65("ml-dsa-65"),
  ML_DSA_87("ml-dsa-87"),
  ML_KEM_512("ml-kem-512"),
  ML_KEM_768("ml-kem-768"),
  ML_KEM_1024("ml-kem-1024");

  private final String cliName;

  KeyType(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  /** Whether a key of this type signs (and so can sign its own certificate); ML-KEM keys do not. */
  public boolean signs() {
    return !isKem();
  }

  /** Whether a key of this type receives encrypted mail; Ed25519 and ML-DSA keys only sign. */
  public boolean encrypts() {
    return this != ED25519 && this != ML_DSA_44 && this != ML_DSA_65 && this != ML_DSA_87;
  }

  /** Whether this is an ML-KEM type: encryption only. */
  public boolean isKem() {
    return this == ML_KEM_512 || this == ML_KEM_768 || this == ML_KEM_1024;
  }

  /** The parameter-set name, as FIPS 203 and 204 and Bouncy Castle spell it, e.g. {@code ML-KEM-768}. */
  public String standardName() {
    return cliName.toUpperCase(java.util.Locale.ROOT);
  }

  /** A new key pair of this type (ML-DSA and ML-KEM keys on Bouncy Castle's provider). */
  public KeyPair newKeyPair(SecureRandom random) {
    try {
      return DigitalIdCodec.generate(this, random);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a " + cliName + " key", e);
    }
  }

  public static Optional<KeyType> fromCliName(String name) {
    return Arrays.stream(values()).filter(k -> k.cliName.equalsIgnoreCase(name)).findFirst();
  }
}
