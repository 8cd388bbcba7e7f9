package dev.signet.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A full-screen terminal program (a mail reader's TUI) run in a tmux session on a socket of its own,
 * so that a test types keys at it and reads its screen as a person would. Closing ends that tmux
 * server, and with it the program.
 */
public final class Terminal implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Path socket;
  private final Path dir;

  private Terminal(Path socket, Path dir) {
    this.socket = socket;
    this.dir = dir;
  }

  /**
   * Starts {@code command} (a shell command line) in {@code dir} with {@code environment} on a
   * 160-by-50 screen; when it ends the screen stays, with its exit status on the last line.
   */
  public static Terminal start(Path dir, Map<String, String> environment, String command) {
    ExternalTool.TMUX.require();
    String exports = environment.entrySet().stream().map(e -> e.getKey() + "=" + quoted(e.getValue()))
        .collect(Collectors.joining(" "));
    Terminal terminal = new Terminal(dir.resolve("tmux.socket"), dir);
    terminal.tmux(List.of("new-session", "-d", "-s", "t", "-x", "160", "-y", "50",
        "env " + exports + " " + command + "; echo \"exited with $?\"; sleep 600"));
    return terminal;
  }

  /** A value as one shell word. */
  public static String quoted(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /** Types {@code keys}: tmux key names such as {@code Enter}, {@code End}, or single characters. */
  public void press(String... keys) {
    List<String> arguments = new ArrayList<>(List.of("send-keys", "-t", "t"));
    arguments.addAll(List.of(keys));
    tmux(arguments);
  }

  /** Types {@code text} literally. */
  public void type(String text) {
    tmux(List.of("send-keys", "-t", "t", "-l", text));
  }

  /** The screen as text now. */
  public String screen() {
    return tmux(List.of("capture-pane", "-p", "-t", "t"));
  }

  /** Waits until the screen shows {@code text}, and returns the screen; fails with the screen if it does not. */
  public String await(String text) {
    return await(screen -> screen.contains(text), "\"" + text + "\"");
  }

  /** Waits until the screen satisfies {@code shown}, described as {@code what}, and returns it. */
  public String await(Predicate<String> shown, String what) {
    Instant deadline = Instant.now().plus(WAIT);
    String screen = screen();
    while (!shown.test(screen)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the screen did not show " + what + " within " + WAIT + ":\n" + screen);
      }
      ProcessRunner.pause(100, "the terminal");
      screen = screen();
    }
    return screen;
  }

  private String tmux(List<String> arguments) {
    List<String> command = new ArrayList<>(List.of(ExternalTool.TMUX.command(), "-S", socket.toString()));
    command.addAll(arguments);
    return ProcessRunner.runChecked(dir, command).stdoutText();
  }

  /** Ends this session's tmux server and the program in it. */
  @Override
  public void close() {
    ProcessRunner.run(dir, Map.of(), new byte[0],
        List.of(ExternalTool.TMUX.command(), "-S", socket.toString(), "kill-server"));
  }
}
