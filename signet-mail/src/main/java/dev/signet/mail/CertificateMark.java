package dev.signet.mail;

/**
 * What compose shows beside a recipient before anything is sent, as mail clients do: whether the
 * message can be encrypted to them, and if not, why.
 */
public enum CertificateMark {
  USABLE("certificate usable for encryption"),
  NONE_FOUND("no certificate found"),
  EXPIRED("certificate expired"),
  NOT_TRUSTED("certificate not trusted");

  private final String words;

  CertificateMark(String words) {
    this.words = words;
  }

  /** How the person is told: "certificate expired". */
  public String words() {
    return words;
  }

  /** Whether a message can be encrypted to the recipient. */
  public boolean encrypts() {
    return this == USABLE;
  }
}
