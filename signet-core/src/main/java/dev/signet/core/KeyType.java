package dev.signet.core;

import java.util.Arrays;
import java.util.Optional;

/** Key types for new digital IDs. */
public enum KeyType {
  RSA_2048("rsa2048"),
  RSA_3072("rsa3072"),
  RSA_4096("rsa4096"),
  EC_P256("ec-p256"),
  EC_P384("ec-p384"),
  EC_P521("ec-p521"),
  ED25519("ed25519");

  private final String cliName;

  KeyType(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  public static Optional<KeyType> fromCliName(String name) {
    return Arrays.stream(values()).filter(k -> k.cliName.equalsIgnoreCase(name)).findFirst();
  }
}
