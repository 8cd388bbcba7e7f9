package dev.signet.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** The lengths of time options take: 90s, 30m, 8h, 7d, or an ISO-8601 duration (PT30M); never zero or less. */
final class Durations {
  private Durations() {}

  /** {@code text} as a positive duration, if it is one. */
  static Optional<Duration> parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      Duration d;
      if (t.matches("\\d{1,6}[smhd]")) {
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        d = switch (t.charAt(t.length() - 1)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      } else if (t.startsWith("pt")) {
        d = Duration.parse(t);
      } else {
        return Optional.empty();
      }
      return d.isNegative() || d.isZero() ? Optional.empty() : Optional.of(d);
    } catch (DateTimeParseException | ArithmeticException e) {
      return Optional.empty(); // the caller names the option and what it takes
    }
  }
}
