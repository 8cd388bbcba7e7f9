package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The cipher warm-up runs beside the work and bounded: it never holds a process up. */
class CipherWarmUpTest {

  @Test
  void warmingUpRunsInADaemonThread() {
    CipherWarmUp.start();
    assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().equals("signet-cipher-warm-up"))
        .allMatch(Thread::isDaemon);
  }

  @Test
  void warmingUpStopsAtItsTimeLimit() {
    long start = System.nanoTime();
    CipherWarmUp.warm(Duration.ZERO);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }
}
