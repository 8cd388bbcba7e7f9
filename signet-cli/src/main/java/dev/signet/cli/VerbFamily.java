package dev.signet.cli;

import picocli.CommandLine;

/** A verb that only groups subcommands (`signet id`, `signet policy`, ...): alone it is a usage error. */
abstract class VerbFamily implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "a subcommand is needed; see " + spec.qualifiedName() + " --help");
  }
}
