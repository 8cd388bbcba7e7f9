package dev.signet.core;

import java.time.Duration;

/**
 * A moment in elapsed time for a time-out, on the monotonic {@link System#nanoTime} scale: a wall clock
 * set forward or back neither ends a wait early nor stretches it.
 */
public record Deadline(long nanos) {
  /** The moment {@code wait} from now. */
  public static Deadline after(Duration wait) {
    return new Deadline(System.nanoTime() + wait.toNanos());
  }

  /** What is left until this moment: zero or negative once it has passed. */
  public Duration left() {
    return Duration.ofNanos(nanos - System.nanoTime());
  }

  public boolean passed() {
    return nanos - System.nanoTime() <= 0;
  }
}
