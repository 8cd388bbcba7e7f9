package dev.signet.mail.acme;

import java.io.IOException;

/** The ACME server refused a request, answered what a client cannot use, or did not finish in time. */
public final class AcmeException extends IOException {
  private static final long serialVersionUID = 1L;

  public AcmeException(String message) {
    super(message);
  }
}
