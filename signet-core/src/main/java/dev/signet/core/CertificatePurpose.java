package dev.signet.core;

import java.security.cert.X509Certificate;

/**
 * What a certificate's key may do for mail, from its key usage extension (RFC 5280 4.2.1.3; RFC 8550
 * 4.4.2): sign (digitalSignature or nonRepudiation), encrypt (keyEncipherment or keyAgreement), both,
 * or neither. A certificate without the extension may do both. The one place key usage is read for mail.
 */
public enum CertificatePurpose {
  SIGNING("signing-only"),
  ENCRYPTION("encryption-only"),
  DUAL_USE("dual-use"),
  /** A key usage that allows neither, such as a CA's keyCertSign alone. */
  NONE("not for mail");

  private static final int DIGITAL_SIGNATURE = 0;
  private static final int NON_REPUDIATION = 1;
  private static final int KEY_ENCIPHERMENT = 2;
  private static final int KEY_AGREEMENT = 4;

  private final String label;

  CertificatePurpose(String label) {
    this.label = label;
  }

  /** How the purpose reads to a person: "signing-only", "encryption-only", "dual-use", "not for mail". */
  public String label() {
    return label;
  }

  public boolean signs() {
    return this == SIGNING || this == DUAL_USE;
  }

  public boolean encrypts() {
    return this == ENCRYPTION || this == DUAL_USE;
  }

  public static CertificatePurpose of(X509Certificate certificate) {
    boolean[] bits = certificate.getKeyUsage();
    if (bits == null) {
      return DUAL_USE;
    }
    boolean signs = bit(bits, DIGITAL_SIGNATURE) || bit(bits, NON_REPUDIATION);
    boolean encrypts = bit(bits, KEY_ENCIPHERMENT) || bit(bits, KEY_AGREEMENT);
    if (signs && encrypts) {
      return DUAL_USE;
    }
    return signs ? SIGNING : encrypts ? ENCRYPTION : NONE;
  }

  private static boolean bit(boolean[] bits, int index) {
    return index < bits.length && bits[index];
  }
}
