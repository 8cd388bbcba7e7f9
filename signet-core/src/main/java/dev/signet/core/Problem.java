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

  /**
   * What a read that stopped on {@code e} reports. The report names what is wrong with the message, so a part
   * that does not decrypt is, to it, a malformed one.
   */
  public static Problem of(SmimeException e) {
    ProblemCode code = switch (e.kind()) {
      case UNSUPPORTED_ALGORITHM -> ProblemCode.UNSUPPORTED_ALGORITHM;
      case KEY_UNAVAILABLE -> ProblemCode.NO_DECRYPTION_KEY;
      case POLICY_VIOLATION -> ProblemCode.POLICY_VIOLATION;
      default -> ProblemCode.MALFORMED;
    };
    return of(code, e.getMessage());
  }

  public Optional<Integer> level() {
    return code.level();
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
