package dev.signet.mail.acme;

import dev.signet.core.FailureKind;
import dev.signet.core.SignetFailure;
import java.io.IOException;

/** The ACME server refused a request, answered what a client cannot use, or did not finish in time. */
public final class AcmeException extends IOException implements SignetFailure {
  private static final long serialVersionUID = 1L;

  public AcmeException(String message) {
    super(message);
  }

  public AcmeException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public FailureKind kind() {
    return FailureKind.PEER_REFUSED;
  }
}
