package dev.signet.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;

/** What judging one message of a concurrent batch printed, held until the reports before it are out. */
record HeldReport(int exitCode, String out, String err) {
  /** Prints on the given terminal. */
  @FunctionalInterface
  interface Judging {
    int judge(Terminal terminal) throws IOException;
  }

  /** Judges on a terminal like {@code base} whose standard output and error are held in memory. */
  static HeldReport of(Terminal base, Judging judging) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream heldOut = new PrintStream(out, false, UTF_8);
        PrintStream heldErr = new PrintStream(err, false, UTF_8)) {
      Terminal held = new Terminal(base.in(), heldOut, heldErr, base.env(), base.console(), base.machinePolicy());
      int code = judging.judge(held);
      heldOut.flush();
      heldErr.flush();
      return new HeldReport(code, out.toString(UTF_8), err.toString(UTF_8));
    }
  }

  /** Prints what was held, in the terminal's own encoding, standard output first; returns the exit code. */
  int printTo(Terminal terminal) {
    terminal.out().print(out);
    terminal.out().flush();
    terminal.err().print(err);
    terminal.err().flush();
    return exitCode;
  }
}
