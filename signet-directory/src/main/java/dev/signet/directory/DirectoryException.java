package dev.signet.directory;

import java.io.IOException;

/** The directory could not do what was asked: unreachable, a bind or a write refused, an ambiguous entry. */
public final class DirectoryException extends IOException {
  private static final long serialVersionUID = 1L;

  public DirectoryException(String message) {
    super(message);
  }

  public DirectoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
