package dev.signet.cli;

import dev.signet.core.FailureKind;
import dev.signet.core.SignetFailure;

/** A request the command cannot carry out as given: exit 2 with its message. */
final class UsageException extends RuntimeException implements SignetFailure {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }

  UsageException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public FailureKind kind() {
    return FailureKind.MALFORMED_INPUT;
  }
}
