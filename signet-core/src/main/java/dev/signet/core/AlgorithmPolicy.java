package dev.signet.core;

/** Which algorithms are accepted when reading. New messages always use the modern set. */
public enum AlgorithmPolicy {
  /** SHA-2, AES, RSA >= 2048, P-256+, Ed25519: anything weaker is a named error. */
  BASELINE_2025,
  /** Also reads old mail (SHA-1, MD5, DSA, RSA-1024, 3DES, RC2), each flagged as a warning. */
  LEGACY_READ
}
