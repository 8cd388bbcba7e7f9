package dev.signet.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/** The command's standard streams, environment and console, passed in so tests can supply their own. */
public record Terminal(InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
    Optional<Console> console) {

  public static Terminal system() {
    return new Terminal(System.in, System.out, System.err, System.getenv(), Optional.ofNullable(System.console()));
  }
}
