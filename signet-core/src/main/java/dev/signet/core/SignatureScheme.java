package dev.signet.core;

/** How an RSA key signs; EC and Ed25519 keys have one scheme each and ignore this. */
public enum SignatureScheme {
  RSA_PKCS1_V1_5,
  RSA_PSS
}
