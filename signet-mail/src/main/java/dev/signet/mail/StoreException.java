package dev.signet.mail;

import dev.signet.core.FailureKind;
import dev.signet.core.SignetFailure;
import java.io.IOException;

/** The store cannot do what was asked: an unknown or duplicate name, a profile in the way, a bad file. */
public final class StoreException extends IOException implements SignetFailure {
  private static final long serialVersionUID = 1L;
  private final FailureKind kind;

  public StoreException(FailureKind kind, String message) {
    this(kind, message, null);
  }

  public StoreException(FailureKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  @Override
  public FailureKind kind() {
    return kind;
  }
}
