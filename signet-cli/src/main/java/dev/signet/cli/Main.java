package dev.signet.cli;

/** Entry point of the {@code signet} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(Cli.run(args, Terminal.system()));
  }
}
