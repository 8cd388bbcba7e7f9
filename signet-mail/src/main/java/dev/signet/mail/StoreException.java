package dev.signet.mail;

import java.io.IOException;

/** The store cannot do what was asked: an unknown or duplicate name, a profile in the way, a bad file. */
public final class StoreException extends IOException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
