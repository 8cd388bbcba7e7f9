package dev.signet.mail;

import java.security.cert.X509Certificate;

/** What a digital ID's certificate allows, from its key usage extension (none: any use). */
public enum Usage {
  SIGNING_ONLY("signing-only"),
  ENCRYPTION_ONLY("encryption-only"),
  DUAL_USE("dual-use");

  private static final int DIGITAL_SIGNATURE = 0;
  private static final int NON_REPUDIATION = 1;
  private static final int KEY_ENCIPHERMENT = 2;
  private static final int KEY_AGREEMENT = 4;

  private final String label;

  Usage(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public boolean signs() {
    return this != ENCRYPTION_ONLY;
  }

  public boolean encrypts() {
    return this != SIGNING_ONLY;
  }

  public static Usage of(X509Certificate certificate) {
    boolean[] bits = certificate.getKeyUsage();
    if (bits == null) {
      return DUAL_USE;
    }
    boolean signs = bit(bits, DIGITAL_SIGNATURE) || bit(bits, NON_REPUDIATION);
    boolean encrypts = bit(bits, KEY_ENCIPHERMENT) || bit(bits, KEY_AGREEMENT);
    if (signs == encrypts) {
      return DUAL_USE;
    }
    return signs ? SIGNING_ONLY : ENCRYPTION_ONLY;
  }

  private static boolean bit(boolean[] bits, int index) {
    return index < bits.length && bits[index];
  }
}
