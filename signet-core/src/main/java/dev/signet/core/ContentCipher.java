package dev.signet.core;

import java.util.Arrays;
import java.util.Optional;

/**
 * Content-encryption algorithms Signet knows. The allow-list: those marked decrypt-only are read in
 * old mail (and flagged) but never produced.
 */
public enum ContentCipher {
  AES_128_GCM("2.16.840.1.101.3.4.1.6", "AES-128-GCM", 128, true, Use.ENCRYPT_AND_DECRYPT),
  AES_192_GCM("2.16.840.1.101.3.4.1.26", "AES-192-GCM", 192, true, Use.DECRYPT_ONLY),
  AES_256_GCM("2.16.840.1.101.3.4.1.46", "AES-256-GCM", 256, true, Use.ENCRYPT_AND_DECRYPT),
  AES_128_CBC("2.16.840.1.101.3.4.1.2", "AES-128-CBC", 128, false, Use.ENCRYPT_AND_DECRYPT),
  AES_192_CBC("2.16.840.1.101.3.4.1.22", "AES-192-CBC", 192, false, Use.DECRYPT_ONLY),
  AES_256_CBC("2.16.840.1.101.3.4.1.42", "AES-256-CBC", 256, false, Use.ENCRYPT_AND_DECRYPT),
  DES_EDE3_CBC("1.2.840.113549.3.7", "3DES-CBC", 168, false, Use.LEGACY_DECRYPT_ONLY),
  RC2_CBC("1.2.840.113549.3.2", "RC2-CBC", 128, false, Use.LEGACY_DECRYPT_ONLY);

  private enum Use {
    ENCRYPT_AND_DECRYPT,
    DECRYPT_ONLY,
    LEGACY_DECRYPT_ONLY
  }

  private final String oid;
  private final String displayName;
  private final int keyBits;
  private final boolean authenticated;
  private final Use use;

  ContentCipher(String oid, String displayName, int keyBits, boolean authenticated, Use use) {
    this.oid = oid;
    this.displayName = displayName;
    this.keyBits = keyBits;
    this.authenticated = authenticated;
    this.use = use;
  }

  public String oid() {
    return oid;
  }

  /** The name shown to people and in the JSON report, e.g. {@code AES-128-GCM}. */
  public String displayName() {
    return displayName;
  }

  /** Nominal key strength in bits (168 for triple DES, as POLICY.md's MinEncKey counts it). */
  public int keyBits() {
    return keyBits;
  }

  /** True for AEAD ciphers (AuthEnvelopedData). */
  public boolean authenticated() {
    return authenticated;
  }

  public boolean mayEncrypt() {
    return use == Use.ENCRYPT_AND_DECRYPT;
  }

  /** Weak ciphers are read only under the legacy algorithm policy, and flagged. */
  public boolean isLegacy() {
    return use == Use.LEGACY_DECRYPT_ONLY;
  }

  /** A cipher Signet encrypts with, by its display name (case aside), e.g. {@code AES-128-CBC}. */
  public static Optional<ContentCipher> forEncryption(String name) {
    return Arrays.stream(values()).filter(c -> c.mayEncrypt() && c.displayName.equalsIgnoreCase(name.strip())).findFirst();
  }

  public static Optional<ContentCipher> fromOid(String oid) {
    return Arrays.stream(values()).filter(c -> c.oid.equals(oid)).findFirst();
  }
}
