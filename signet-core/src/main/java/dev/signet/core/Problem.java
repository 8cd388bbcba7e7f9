package dev.signet.core;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing found wrong (or worth saying) about a message.
 *
 * @param setting the policy setting that decided the severity, if one did
 */
public record Problem(ProblemCode code, Severity severity, Optional<String> setting, String message) {
  public Problem {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(setting, "setting");
    Objects.requireNonNull(message, "message");
  }

  /** A problem at the severity of the table in {@link ProblemCode}. */
  public static Problem of(ProblemCode code, String message) {
    return new Problem(code, code.defaultSeverity(), Optional.empty(), message);
  }

  public Optional<Integer> level() {
    return code.level();
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
