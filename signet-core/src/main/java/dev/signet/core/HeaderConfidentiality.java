package dev.signet.core;

/**
 * What the outside of an encrypted message shows of its header fields (RFC 9788 section 3.2, the
 * header confidentiality policy). The true values always travel inside the encryption.
 */
public enum HeaderConfidentiality {
  /** hcp_baseline, the default: the outside shows {@code Subject: [...]} and no Keywords or Comments. */
  BASELINE,
  /** hcp_no_confidentiality: the outside shows every field as it is, the Subject included. */
  NO_CONFIDENTIALITY
}
