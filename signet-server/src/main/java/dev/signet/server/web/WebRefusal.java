package dev.signet.server.web;

/** A request the web UI turns down, with the status and the one sentence the page shows; never a stack trace. */
final class WebRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  WebRefusal(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
