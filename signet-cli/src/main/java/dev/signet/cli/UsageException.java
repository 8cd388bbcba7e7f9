package dev.signet.cli;

/** A request the command cannot carry out as given: exit 2 with its message. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
