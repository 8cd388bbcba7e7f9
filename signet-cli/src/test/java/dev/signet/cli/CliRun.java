package dev.signet.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs the {@code signet} command in-process with its own streams and environment. */
final class CliRun {
  static final String PASSWORD = "correct horse battery staple";

  /** No machine-wide policy unless a test gives one: a developer's own /etc/signet/policy stays out of the suite. */
  private static final Path NO_MACHINE_POLICY = Path.of("/nonexistent/signet-test/policy");

  private final Map<String, String> env;
  private final Path machinePolicy;

  private CliRun(Map<String, String> env) {
    this(env, NO_MACHINE_POLICY);
  }

  private CliRun(Map<String, String> env, Path machinePolicy) {
    this.env = env;
    this.machinePolicy = machinePolicy;
  }

  /** This terminal on a machine whose administrator wrote {@code file} as the machine-wide policy. */
  CliRun withMachinePolicy(Path file) {
    return new CliRun(env, file);
  }

  /** A terminal whose environment holds the test password in {@code SIGNET_PASSWORD}. */
  static CliRun withPassword() {
    return withPassword(PASSWORD);
  }

  static CliRun withPassword(String password) {
    return new CliRun(Map.of("SIGNET_PASSWORD", password));
  }

  /** A terminal whose environment holds the test password and {@code extra}. */
  static CliRun withEnvironment(Map<String, String> extra) {
    Map<String, String> env = new java.util.HashMap<>(extra);
    env.put("SIGNET_PASSWORD", PASSWORD);
    return new CliRun(Map.copyOf(env));
  }

  /** A terminal with no password anywhere: no environment variable and no console. */
  static CliRun withoutPassword() {
    return new CliRun(Map.of());
  }

  /** A terminal whose environment is {@code env} alone: no password in it, and no console. */
  static CliRun withoutPassword(Map<String, String> env) {
    return new CliRun(Map.copyOf(env));
  }

  Result run(String... args) {
    return runWithInput(new byte[0], args);
  }

  Result runWithInput(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code = Cli.run(args, new Terminal(new ByteArrayInputStream(stdin), outStream, errStream, env, Optional.empty(),
        machinePolicy));
    outStream.flush();
    errStream.flush();
    return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  /** What one run of the command left behind. */
  record Result(int exitCode, byte[] stdout, String stderr) {
    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    List<String> stderrLines() {
      return stderr.lines().toList();
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stderr ---\n" + stderr + "--- stdout (" + stdout.length + " bytes) ---\n"
          + out().substring(0, Math.min(2000, stdout.length));
    }
  }
}
