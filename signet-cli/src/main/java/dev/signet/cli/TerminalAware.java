package dev.signet.cli;

/** A command that reads and writes through a {@link Terminal}. */
interface TerminalAware {
  void attach(Terminal terminal);
}
