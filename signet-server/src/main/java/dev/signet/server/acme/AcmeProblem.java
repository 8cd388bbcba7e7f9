package dev.signet.server.acme;

/** An ACME error (RFC 8555 6.7): answered as application/problem+json with its urn:ietf:params:acme:error type. */
final class AcmeProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String type;

  AcmeProblem(int status, String type, String detail) {
    super(detail);
    this.status = status;
    this.type = type;
  }

  int status() {
    return status;
  }

  String type() {
    return "urn:ietf:params:acme:error:" + type;
  }
}
