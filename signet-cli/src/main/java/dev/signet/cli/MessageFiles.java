package dev.signet.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Stack;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

/**
 * The messages a reading verb judges: --in (or standard input) alone, or several files in one process, each
 * judged on its own; the exit code is the worst of theirs (unreadable, then error, then warning, then valid).
 */
final class MessageFiles {
  /** How bad an exit code is, so that a batch exits with its worst. */
  private static final Map<Integer, Integer> SEVERITY =
      Map.of(Cli.OK, 0, Cli.WARNING_VERDICT, 1, Cli.ERROR_VERDICT, 2, Cli.USAGE_OR_INPUT, 3);

  @Parameters(paramLabel = "FILE", arity = "0..*", parameterConsumer = Consecutive.class,
      description = "Messages to judge, each with its own report (JSON Lines with --json); instead of --in.")
  List<Path> files = new ArrayList<>();

  /**
   * Takes the file picocli has placed here and those after it, up to the next word that starts with '-'. picocli
   * would first ask of each whether it looks like a number or an option, throwing two exceptions per file: about
   * 50 ms for a batch of 1,000.
   */
  static final class Consecutive implements IParameterConsumer {
    @Override
    public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
      List<Path> files = argSpec.getValue();
      do {
        files.add(Path.of(args.pop()));
      } while (!args.isEmpty() && !args.peek().startsWith("-"));
    }
  }

  /** Judges one message, printing on {@code terminal}: {@code file} is empty for --in or standard input. */
  @FunctionalInterface
  interface Judge {
    int judge(InputStream message, Optional<Path> file, Terminal terminal) throws IOException;
  }

  /** Whether several files were given: each report then names its file. */
  boolean batch() {
    return !files.isEmpty();
  }

  /** Judges --in or standard input, or each file in turn; a file that cannot be read is reported and skipped. */
  int each(CommandBase command, ReadingOptions reading, Judge judge) throws IOException {
    if (!batch()) {
      try (InputStream message = command.input()) {
        return judge.judge(message, Optional.empty(), command.terminal);
      }
    }
    checkBatch(command, reading);
    int worst = Cli.OK;
    for (Path file : files) {
      worst = worse(worst, judgeFile(command.terminal, reading.json, judge, file));
    }
    return worst;
  }

  /**
   * As {@link #each}, but judges the files of a batch on every core at once, for a judge that changes nothing
   * shared: each report is held until those before it are printed, so the output is as {@code each} prints it.
   */
  int eachConcurrently(CommandBase command, ReadingOptions reading, Judge judge) throws IOException {
    int threads = Runtime.getRuntime().availableProcessors();
    if (files.size() < 2 || threads < 2) {
      return each(command, reading, judge);
    }
    checkBatch(command, reading);
    ExecutorService pool = Executors.newFixedThreadPool(threads, MessageFiles::daemon);
    try {
      Deque<Future<HeldReport>> pending = new ArrayDeque<>();
      int worst = Cli.OK;
      for (Path file : files) {
        if (pending.size() == threads * 4) {
          worst = worse(worst, printed(pending.removeFirst(), command.terminal));
        }
        pending.add(pool.submit(() -> HeldReport.of(command.terminal, t -> judgeFile(t, reading.json, judge, file))));
      }
      while (!pending.isEmpty()) {
        worst = worse(worst, printed(pending.removeFirst(), command.terminal));
      }
      return worst;
    } finally {
      pool.shutdownNow();
    }
  }

  private void checkBatch(CommandBase command, ReadingOptions reading) {
    if (command.in != null) {
      throw new UsageException("give --in or message files, not both");
    }
    if (reading.out != null && !Files.isDirectory(reading.out)) {
      throw new UsageException("--out must name a folder when message files are given: " + reading.out);
    }
  }

  private static int judgeFile(Terminal terminal, boolean json, Judge judge, Path file) throws IOException {
    terminal.err().println("message: " + file);
    try (InputStream message = new BufferedInputStream(MessageFile.reading(file), 64 * 1024)) {
      return judge.judge(message, Optional.of(file), terminal);
    } catch (IOException | RuntimeException e) {
      String why = Cli.message(e);
      terminal.err().println("signet: error: " + file + ": " + why);
      if (json) {
        terminal.out().println(ReportPrinter.failureLine(file, why));
      }
      return Cli.USAGE_OR_INPUT;
    }
  }

  private static int printed(Future<HeldReport> held, Terminal terminal) throws IOException {
    try {
      return held.get().printTo(terminal);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while judging message files");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "signet-batch");
    thread.setDaemon(true);
    return thread;
  }

  /** Where a released content goes: --out as given for one message; for a batch, a file of the same name in --out. */
  static Optional<Path> contentTarget(ReadingOptions reading, Optional<Path> file) {
    Optional<Path> out = Optional.ofNullable(reading.out);
    return file.isEmpty() ? out : out.map(folder -> folder.resolve(file.get().getFileName()));
  }

  static int worse(int a, int b) {
    return SEVERITY.getOrDefault(a, 3) >= SEVERITY.getOrDefault(b, 3) ? a : b;
  }
}
