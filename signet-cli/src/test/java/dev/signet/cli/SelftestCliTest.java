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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** signet selftest, and the training runs the launcher records its ahead-of-time caches from. */
class SelftestCliTest {
  @Test
  void selftestSignsEncryptsAndReadsBackWithEachKeyType() {
    CliRun.Result run = CliRun.withoutPassword().run("selftest");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stderr()).contains("rsa2048 ok", "ec-p256 ok", "ed25519 ok");
  }

  @ParameterizedTest
  @EnumSource(value = TrainingRun.Course.class, names = {"VERIFY", "DECRYPT", "READ", "COMMON"})
  void eachTrainingCourseRunsItsVerbsOnTheFixturesAndLeavesNothingBehind(TrainingRun.Course course, @TempDir Path temp)
      throws IOException {
    Path fixtures = Files.createDirectory(temp.resolve("fixtures"));
    Path runs = Files.createDirectory(temp.resolve("runs"));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream logStream = new PrintStream(log, true, StandardCharsets.UTF_8);

    TrainingRun.run(runs, TrainingRun.Course.FIXTURES, fixtures, logStream);
    TrainingRun.run(runs, course, fixtures, logStream);

    assertThat(log.toString(StandardCharsets.UTF_8)).isEmpty();
    try (Stream<Path> left = Files.list(runs)) {
      assertThat(left).isEmpty();
    }
  }
}
