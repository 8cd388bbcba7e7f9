package dev.signet.mail.agent;

import java.io.IOException;

/** The key agent cannot be started or reached safely; its message is one line for the person. */
public final class AgentException extends IOException {
  private static final long serialVersionUID = 1L;

  public AgentException(String message) {
    super(message);
  }

  public AgentException(String message, Throwable cause) {
    super(message, cause);
  }
}
