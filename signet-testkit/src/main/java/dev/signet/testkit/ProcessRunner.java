package dev.signet.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs an external program with input, a working folder and a time limit, capturing its output. */
public final class ProcessRunner {
  private ProcessRunner() {}

  /** What a finished process left. */
  public record Result(int exitCode, byte[] stdout, String stderr) {
    public String stdoutText() {
      return new String(stdout, StandardCharsets.UTF_8);
    }
  }

  /** Runs {@code command} in {@code workDir}; one that fails (exits other than 0) fails with what it printed. */
  public static Result runChecked(Path workDir, List<String> command) {
    Result r = run(workDir, Map.of(), new byte[0], command);
    if (r.exitCode() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed (" + r.exitCode() + "): " + r.stderr()
          + r.stdoutText());
    }
    return r;
  }

  public static Result run(Path workDir, Map<String, String> env, byte[] stdin, List<String> command) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      CompletableFuture<byte[]> out = drain(p.getInputStream());
      CompletableFuture<byte[]> err = drain(p.getErrorStream());
      try (var in = p.getOutputStream()) {
        in.write(stdin);
      } catch (IOException ignoredBrokenPipe) {
        // the program may exit without reading its input
      }
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      return new Result(p.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Ends a daemon a fixture started (it ends its children) and waits for it, forcibly after 10 seconds. */
  public static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What a server wrote to the files of {@code logs} that exist, one after the other, for a failing test's message. */
  public static String logText(List<Path> logs) {
    StringBuilder text = new StringBuilder();
    for (Path file : logs) {
      try {
        if (Files.exists(file)) {
          text.append(Files.readString(file, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        text.append("(").append(file).append(" unreadable: ").append(e.getMessage()).append(")\n");
      }
    }
    return text.toString();
  }

  /** Waits {@code millis} between two looks at something a fixture is waiting for ({@code what}). */
  public static void pause(long millis, String what) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + what, e);
    }
  }

  private static CompletableFuture<byte[]> drain(InputStream s) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        s.transferTo(b);
        return b.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
