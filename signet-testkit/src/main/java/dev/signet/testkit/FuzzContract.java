package dev.signet.testkit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Optional;

/**
 * What a fuzz target asserts of a parser of untrusted input: it returns a value or throws the one
 * typed error it documents, within a bound of CPU time (of the thread, so that a loaded or niced
 * machine does not count against the parser). Anything else is a finding.
 */
public final class FuzzContract {
  /** Far above what any seed takes, far below what a hang takes. */
  public static final Duration PER_INPUT = Duration.ofSeconds(5);

  /** A parse of one input. */
  public interface Parse {
    Object run() throws Exception;
  }

  private FuzzContract() {}

  /** A value, or {@code typedError}. */
  public static void holds(Class<? extends Exception> typedError, Parse parse) {
    check(Optional.of(typedError), parse);
  }

  /** A value, whatever the input: for readers that turn every refusal into a value. */
  public static void alwaysValue(Parse parse) {
    check(Optional.empty(), parse);
  }

  private static void check(Optional<Class<? extends Exception>> typedError, Parse parse) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    try {
      if (parse.run() == null) {
        throw new AssertionError("a parser returned null instead of a value or a typed error");
      }
    } catch (Exception e) {
      if (typedError.filter(t -> t.isInstance(e)).isEmpty()) {
        throw new AssertionError("outside the contract: " + e, e);
      }
    }
    Duration took = Duration.ofNanos(threads.getCurrentThreadCpuTime() - start);
    if (took.compareTo(PER_INPUT) > 0) {
      throw new AssertionError("one input took " + took.toMillis() + " ms of CPU, more than " + PER_INPUT.toMillis());
    }
  }
}
