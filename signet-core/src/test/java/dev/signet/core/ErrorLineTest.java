package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** The cause chain a failure's line is found in: walked once, from the outside in, even when it loops. */
class ErrorLineTest {
  @Test
  void theCausesRunFromTheFailureInward() {
    ConnectException refused = new ConnectException("Connection refused");
    IOException wrapped = new IOException("cannot connect", refused);

    assertThat(ErrorLine.causes(wrapped)).containsExactly(wrapped, refused);
  }

  @Test
  void aChainThatLoopsIsWalkedOnce() {
    IOException outer = new IOException("outer");
    IOException inner = new IOException("inner", outer);
    outer.initCause(inner);

    assertThat(ErrorLine.causes(outer)).containsExactly(outer, inner);
  }

  @Test
  void theFirstMessageThatSaysSomethingIsTheOneTold() {
    IOException silent = new IOException(" ", new IOException("disk full", new IOException("ENOSPC")));

    assertThat(ErrorLine.firstSaying(silent).getMessage()).isEqualTo("disk full");
  }

  @Test
  void whenNothingSaysAnythingTheInnermostIsTold() {
    EOFException truncated = new EOFException();

    assertThat(ErrorLine.firstSaying(new IOException((String) null, truncated))).isSameAs(truncated);
  }

  @Test
  void theInnermostCauseIsWhatTheWrappersWrap() {
    ConnectException refused = new ConnectException("Connection refused");

    assertThat(ErrorLine.innermost(new IOException("pool failed", new IOException("no connection", refused))))
        .isSameAs(refused);
  }
}
