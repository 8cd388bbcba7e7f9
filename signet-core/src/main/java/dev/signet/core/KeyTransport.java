package dev.signet.core;

/** How the content-encryption key travels to an RSA recipient. EC and X25519 recipients use ECDH. */
public enum KeyTransport {
  /** RSAES-OAEP with SHA-256 and MGF1-SHA-256 (RFC 8017, RFC 4055). */
  RSA_OAEP,
  /** RSAES-PKCS1-v1_5: what every client reads; the default for interoperability. */
  RSA_PKCS1_V1_5
}
