package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** signet selftest, and the training runs the launcher records its ahead-of-time caches from. */
class SelftestCliTest {
  @Test
  void selftestSignsEncryptsAndReadsBackWithEachKeyType() {
    CliRun.Result run = CliRun.withoutPassword().run("selftest");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stderr()).contains("rsa2048 ok", "ec-p256 ok", "ed25519 ok");
  }

  @Test
  void theCommonTrainingRunsVerbsExitZeroAndLeaveNothingBehind(@TempDir Path temp) throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    TrainingRun.run(temp, TrainingRun.Course.COMMON, new PrintStream(log, true, StandardCharsets.UTF_8));

    assertThat(log.toString(StandardCharsets.UTF_8)).isEmpty();
    try (Stream<Path> left = Files.list(temp)) {
      assertThat(left).isEmpty();
    }
  }
}
