package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityReportTest {
  @Test
  void aReadStoppedForWantOfAKeyStillArrivedEncrypted() {
    SecurityReport stopped = new SecurityReport(List.of(), List.of(),
        List.of(Problem.of(ProblemCode.NO_DECRYPTION_KEY, "no digital ID given matches")));

    assertThat(stopped.encrypted()).isFalse();
    assertThat(stopped.arrivedEncrypted()).isTrue();
  }

  @Test
  void aPlainMessageDidNotArriveEncrypted() {
    assertThat(new SecurityReport(List.of(), List.of(), List.of()).arrivedEncrypted()).isFalse();
  }
}
