package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpAndVersionTest {
  private final CliRun signet = CliRun.withoutPassword();

  @Test
  void helpExits0AndListsTheVerbsOnStdout() {
    CliRun.Result result = signet.run("--help");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("Usage: signet").contains("sign", "encrypt", "verify", "decrypt", "read", "id");
    assertThat(result.stderr()).isEmpty();
  }

  @Test
  void versionExits0AndPrintsOneLineOnStdout() {
    CliRun.Result result = signet.run("--version");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().lines()).singleElement().asString().startsWith("signet ");
    assertThat(result.stderr()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sign", "encrypt", "verify", "decrypt", "read", "id"})
  void everyVerbHasHelpOnStdout(String verb) {
    CliRun.Result result = signet.run(verb, "--help");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("Usage: signet " + verb);
    assertThat(result.stderr()).isEmpty();
  }
}
