package dev.signet.mail.transport;

import dev.signet.core.FailureKind;
import dev.signet.core.SignetFailure;
import java.io.IOException;

/** A mail server could not be reached, would not be trusted, or refused what was asked; the reason says which. */
public final class TransportException extends IOException implements SignetFailure {
  private static final long serialVersionUID = 1L;

  /** Why the transfer did not happen, each of a {@link FailureKind}. */
  public enum Reason {
    /** The server URL is not one Signet can use. */
    BAD_URL(FailureKind.MALFORMED_INPUT),
    /** The server offers no TLS and the password would travel in clear to a host other than this machine. */
    PLAINTEXT_REFUSED(FailureKind.PEER_UNAVAILABLE),
    /** The server's certificate does not chain to the trust anchors or does not name the host. */
    UNTRUSTED_SERVER(FailureKind.PEER_UNAVAILABLE),
    /** The server refused the user name and password. */
    LOGIN_REFUSED(FailureKind.NOT_AUTHENTICATED),
    /** The server refused the message or some of its recipients. */
    REFUSED(FailureKind.PEER_REFUSED),
    /** A fetched message is larger than the limit. */
    TOO_LARGE(FailureKind.TOO_LARGE),
    /** No connection, or the server broke off. */
    UNREACHABLE(FailureKind.PEER_UNAVAILABLE);

    private final FailureKind kind;

    Reason(FailureKind kind) {
      this.kind = kind;
    }
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

  @Override
  public FailureKind kind() {
    return reason.kind;
  }
}
