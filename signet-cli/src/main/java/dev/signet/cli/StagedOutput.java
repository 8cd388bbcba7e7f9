package dev.signet.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.BufferedOutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Output written to a temporary file and released only on {@link #commit()}: renamed onto the
 * target, or copied to standard output. Closing without committing leaves nothing behind.
 */
final class StagedOutput implements AutoCloseable {
  private final Optional<Path> target;
  private final OutputStream stdout;
  private final Path staged;
  private final OutputStream stream;
  private boolean committed;

  private StagedOutput(Optional<Path> target, OutputStream stdout) throws IOException {
    this.target = target;
    this.stdout = stdout;
    Path dir = target.filter(t -> !Files.exists(t) || Files.isRegularFile(t))
        .map(t -> t.toAbsolutePath().getParent()).orElse(null);
    this.staged = dir == null ? Files.createTempFile("signet-", ".part") : stagedIn(dir, target.get());
    this.stream = new BufferedOutputStream(MessageFile.writing(staged), 64 * 1024);
  }

  /** A temporary file beside the target; a failure names the target, not the temporary file. */
  private static Path stagedIn(Path dir, Path target) throws IOException {
    try {
      return Files.createTempFile(dir, ".signet-", ".part");
    } catch (NoSuchFileException e) {
      throw new IOException("cannot write " + target + ": there is no folder " + dir, e);
    } catch (AccessDeniedException e) {
      throw new AccessDeniedException(target.toString(), null, "cannot write in " + dir);
    }
  }

  /** Content nobody asked for (verify without --out): no temporary file per message of a batch. */
  private StagedOutput() {
    this.target = Optional.empty();
    this.stdout = OutputStream.nullOutputStream();
    this.staged = null;
    this.stream = OutputStream.nullOutputStream();
  }

  static StagedOutput discarding() {
    return new StagedOutput();
  }

  static StagedOutput to(Optional<Path> target, OutputStream stdout) throws IOException {
    return new StagedOutput(target, stdout);
  }

  OutputStream stream() {
    return stream;
  }

  void commit() throws IOException {
    stream.close();
    if (staged == null) {
      committed = true;
      return;
    }
    if (target.isPresent() && Files.exists(target.get()) && !Files.isRegularFile(target.get())) {
      // A device or pipe (such as /dev/null) is written to, never replaced.
      try (OutputStream device = Files.newOutputStream(target.get())) {
        Files.copy(staged, device);
      }
    } else if (target.isPresent()) {
      Files.move(staged, target.get(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } else {
      Files.copy(staged, stdout);
      stdout.flush();
    }
    committed = true;
  }

  @Override
  public void close() throws IOException {
    if (!committed) {
      stream.close();
    }
    if (staged != null) {
      Files.deleteIfExists(staged);
    }
  }
}
