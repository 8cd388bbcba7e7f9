package dev.signet.core;

/**
 * What kind of failure stopped Signet doing what was asked: the one name the CLI's exit codes and the
 * web's answers are chosen by. Finer names (a CA's {@code Reason}, a transport's) map onto these.
 */
public enum FailureKind {
  /** Input that is not well-formed, exceeds a limit, or asks for something that cannot be done as given. */
  MALFORMED_INPUT,
  /** An algorithm or key size that is unknown, or refused by the algorithm policy. */
  UNSUPPORTED_ALGORITHM,
  /** No private key could be used: locked, a wrong password, or none for this message. */
  KEY_UNAVAILABLE,
  /** Decryption ran but failed: an authentication tag mismatch, bad padding, a corrupt key. */
  DECRYPTION_FAILED,
  /** The organisation's policy, or a safety rule of Signet's, forbids what was asked. */
  POLICY_VIOLATION,
  /** What was named does not exist. */
  NOT_FOUND,
  /** What was asked clashes with how things stand: already there, already done, in use. */
  CONFLICT,
  /** Who is asking is not known: not signed in, a password or token refused. */
  NOT_AUTHENTICATED,
  /** Who is asking is known but may not do this. */
  NOT_AUTHORIZED,
  /** Larger than Signet or the peer accepts. */
  TOO_LARGE,
  /** Too many attempts in a short time; later may work. */
  TOO_MANY_ATTEMPTS,
  /** A directory, mail server, CA or agent that cannot be reached, or not safely. */
  PEER_UNAVAILABLE,
  /** A directory, mail server or CA that was reached and refused. */
  PEER_REFUSED,
  /** Signet's own storage (a database, a folder of files) failed. */
  STORAGE
}
