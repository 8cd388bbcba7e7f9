package dev.signet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load test, short: 50 people sending signed and encrypted mail to each other over SMTP for 15
 * seconds and reading it over IMAP and the web. It asserts what must hold under load, never how fast:
 * the figures are printed, and {@code bench/load.sh} runs the long version.
 */
class LoadTest {
  private static final int PEOPLE = 50;

  @TempDir Path data;

  @Test
  void fiftyPeopleSendingAndReadingAtOnceLoseNothingDoubleNothingAndSeeNoError() throws Exception {
    LoadRun.Outcome outcome;
    long began = System.nanoTime();
    try (LoadOrganisation org = LoadOrganisation.start(data, PEOPLE, "ec-p256")) {
      System.out.printf("load: the organisation of %d people set up in %.1f s%n", PEOPLE, (System.nanoTime() - began) / 1e9);
      outcome = LoadRun.run(org, new LoadRun.Settings(PEOPLE, Duration.ofSeconds(15), 4096));
    }
    outcome.print(System.out);

    assertThat(outcome.errors()).isEmpty();
    assertThat(outcome.sent()).isPositive();
    assertThat(outcome.lost()).isEmpty();
    assertThat(outcome.duplicated()).isEmpty();
    assertThat(outcome.delivered()).isEqualTo(outcome.expected());
  }
}
