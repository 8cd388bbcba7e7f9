package dev.signet.server.web;

import dev.signet.core.FailureKind;
import dev.signet.core.SignetFailure;

/** A request the web UI turns down, with the one sentence the page shows; never a stack trace. */
final class WebRefusal extends RuntimeException implements SignetFailure {
  private static final long serialVersionUID = 1L;
  private final FailureKind kind;

  WebRefusal(FailureKind kind, String message) {
    this(kind, message, null);
  }

  /** With the failure behind the refusal, for the log. */
  WebRefusal(FailureKind kind, String message, Throwable cause) {
    super(message, cause, false, false);
    this.kind = kind;
  }

  @Override
  public FailureKind kind() {
    return kind;
  }

  int status() {
    return status(kind);
  }

  /** The HTTP status each kind of failure is answered with: the one table every refusal's status comes from. */
  static int status(FailureKind kind) {
    return switch (kind) {
      case MALFORMED_INPUT -> 400;
      case NOT_AUTHENTICATED -> 401;
      case KEY_UNAVAILABLE, POLICY_VIOLATION, NOT_AUTHORIZED -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case TOO_LARGE -> 413;
      case UNSUPPORTED_ALGORITHM, DECRYPTION_FAILED -> 422;
      case TOO_MANY_ATTEMPTS -> 429;
      case STORAGE -> 500;
      case PEER_REFUSED -> 502;
      case PEER_UNAVAILABLE -> 503;
    };
  }
}
