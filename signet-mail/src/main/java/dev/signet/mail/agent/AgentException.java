package dev.signet.mail.agent;

import dev.signet.core.FailureKind;
import dev.signet.core.SignetFailure;
import java.io.IOException;

/** The key agent cannot be started or reached safely; its message is one line for the person. */
public final class AgentException extends IOException implements SignetFailure {
  private static final long serialVersionUID = 1L;

  public AgentException(String message) {
    super(message);
  }

  public AgentException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public FailureKind kind() {
    return FailureKind.PEER_UNAVAILABLE;
  }
}
