package dev.signet.directory;

import dev.signet.core.FailureKind;
import dev.signet.core.SignetFailure;
import java.io.IOException;

/** The directory could not do what was asked: unreachable, a bind or a write refused, an ambiguous entry. */
public final class DirectoryException extends IOException implements SignetFailure {
  private static final long serialVersionUID = 1L;
  private final FailureKind kind;

  public DirectoryException(FailureKind kind, String message) {
    this(kind, message, null);
  }

  public DirectoryException(FailureKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  @Override
  public FailureKind kind() {
    return kind;
  }
}
