package dev.signet.core.fuzz;

import dev.signet.core.SmimeException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * What every parser of untrusted input promises: it returns its value or throws the project's own
 * typed error ({@link SmimeException}), and it does so in bounded time (CPU time of the thread, so
 * that a loaded or niced machine does not count against the parser). Anything else (an
 * IOException from in-memory input, a runtime exception of a library, an Error) is a finding.
 * Memory is bounded by the small heap the fuzz tests run on (see signet-core's pom).
 */
final class Contract {
  /** Far above what any seed takes, far below what a hang takes; generous for a loaded CI machine. */
  static final Duration PER_INPUT = Duration.ofSeconds(5);

  interface Parse {
    Object run() throws IOException;
  }

  private Contract() {}

  static void holds(Parse parse) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    try {
      if (parse.run() == null) {
        throw new AssertionError("a parser returned null instead of a value or a typed error");
      }
    } catch (SmimeException expected) {
      // The documented way to refuse input.
    } catch (IOException | RuntimeException e) {
      throw new AssertionError("outside the contract: " + e, e);
    }
    Duration took = Duration.ofNanos(threads.getCurrentThreadCpuTime() - start);
    if (took.compareTo(PER_INPUT) > 0) {
      throw new AssertionError("one input took " + took.toMillis() + " ms of CPU, more than " + PER_INPUT.toMillis());
    }
  }
}
