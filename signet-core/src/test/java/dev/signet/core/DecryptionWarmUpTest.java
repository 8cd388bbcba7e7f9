package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The decryption warm-up runs beside the work and bounded: it never holds a process up. */
class DecryptionWarmUpTest {

  @Test
  void warmingUpRunsInADaemonThread() {
    DecryptionWarmUp.start();
    assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().equals("signet-decryption-warm-up"))
        .allMatch(Thread::isDaemon);
  }

  @Test
  void warmingUpReachesCompiledSpeedOnAJvmWithTheIntrinsics() {
    assertThat(DecryptionWarmUp.warm(Duration.ofSeconds(30))).isTrue();
  }

  @Test
  void warmingUpStopsAtItsTimeLimit() {
    long start = System.nanoTime();
    DecryptionWarmUp.warm(Duration.ZERO);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }
}
