package dev.signet.cli;

import dev.signet.mail.PolicyInForce;
import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The command's standard streams, environment and console, passed in so tests can supply their own.
 *
 * @param machinePolicy the machine-wide policy file, which only an administrator writes
 */
public record Terminal(InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
    Optional<Console> console, Path machinePolicy) {

  public Terminal(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Optional<Console> console) {
    this(in, out, err, env, console, PolicyInForce.MACHINE_WIDE);
  }

  public static Terminal system() {
    return new Terminal(System.in, System.out, System.err, System.getenv(), Optional.ofNullable(System.console()));
  }
}
