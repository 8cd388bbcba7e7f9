package dev.signet.mail.transport;

import java.io.IOException;

/** A mail server could not be reached, would not be trusted, or refused what was asked; the reason says which. */
public final class TransportException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why the transfer did not happen. */
  public enum Reason {
    /** The server URL is not one Signet can use. */
    BAD_URL,
    /** The server offers no TLS and the password would travel in clear to a host other than this machine. */
    PLAINTEXT_REFUSED,
    /** The server's certificate does not chain to the trust anchors or does not name the host. */
    UNTRUSTED_SERVER,
    /** The server refused the user name and password. */
    LOGIN_REFUSED,
    /** The server refused the message or some of its recipients. */
    REFUSED,
    /** A fetched message is larger than the limit. */
    TOO_LARGE,
    /** No connection, or the server broke off. */
    UNREACHABLE
  }

  private final Reason reason;

  public TransportException(Reason reason, String message) {
    this(reason, message, null);
  }

  public TransportException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
