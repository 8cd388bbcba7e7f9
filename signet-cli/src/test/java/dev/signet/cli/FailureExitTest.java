package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.FailureKind;
import dev.signet.mail.StoreException;
import dev.signet.pki.CaException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** CLI.md: every failure of a verb, whatever its kind, exits 2 with its own one line. */
class FailureExitTest {
  @ParameterizedTest
  @EnumSource(FailureKind.class)
  void everyKindOfFailureExitsTwo(FailureKind kind) {
    assertThat(Cli.exitCode(kind)).isEqualTo(Cli.USAGE_OR_INPUT);
  }

  @Test
  void aCaFailureIsToldInItsOwnWords() {
    assertThat(Cli.message(new CaException(CaException.Reason.ALREADY_REVOKED, "certificate 01 is already revoked")))
        .isEqualTo("certificate 01 is already revoked");
  }

  @Test
  void aStoreFailureCarriedUncheckedIsToldInItsOwnWords() {
    StoreException missing = new StoreException(FailureKind.NOT_FOUND, "no profile named work in the store");

    assertThat(Cli.message(new UncheckedIOException(missing))).isEqualTo("no profile named work in the store");
  }
}
