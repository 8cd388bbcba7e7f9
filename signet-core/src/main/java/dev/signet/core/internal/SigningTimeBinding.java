package dev.signet.core.internal;

import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import dev.signet.core.SignerReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether a good signature's signing time agrees with the message's Date field: a signature lifted
 * from an old message into a new one keeps its old signing time (as Thunderbird checks since 115.6,
 * GHSA-86pm-w7xp-8c7p). Nothing is compared when either time is missing or the limit is zero.
 */
final class SigningTimeBinding {
  private SigningTimeBinding() {}

  static List<Problem> check(Optional<Instant> date, List<SignerReport> goodSigners, Duration limit) {
    if (date.isEmpty() || limit.isZero()) {
      return List.of();
    }
    return goodSigners.stream().flatMap(s -> s.signingTime().stream()
        .filter(t -> Duration.between(t, date.get()).abs().compareTo(limit) > 0)
        .map(t -> Problem.of(ProblemCode.DATE_MISMATCH, s.subject() + " signed at " + t + ", more than "
            + limit.toMinutes() + " minutes from the message's Date " + date.get()))).toList();
  }
}
