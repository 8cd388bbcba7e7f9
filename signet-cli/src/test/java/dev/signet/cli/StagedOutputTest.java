package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedOutputTest {

  @Test
  void aCommittedOutputReplacesARegularFileAtomically(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("out.eml");
    Files.writeString(target, "old");
    try (StagedOutput staged = StagedOutput.to(Optional.of(target), new ByteArrayOutputStream())) {
      staged.stream().write("new".getBytes());
      staged.commit();
    }
    assertThat(Files.readString(target)).isEqualTo("new");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void aPipeAsTargetIsWrittenToNotReplaced(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("pipe");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
      try (InputStream in = Files.newInputStream(fifo)) {
        return in.readAllBytes();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    try (StagedOutput staged = StagedOutput.to(Optional.of(fifo), new ByteArrayOutputStream())) {
      staged.stream().write("through the pipe".getBytes());
      staged.commit();
    }
    assertThat(new String(reader.get())).isEqualTo("through the pipe");
    assertThat(Files.isRegularFile(fifo)).isFalse();
  }

  @Test
  void anUncommittedOutputLeavesNothingBehind(@TempDir Path dir) throws Exception {
    try (StagedOutput staged = StagedOutput.to(Optional.of(dir.resolve("out.eml")), new ByteArrayOutputStream())) {
      staged.stream().write("half".getBytes());
    }
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }
}
