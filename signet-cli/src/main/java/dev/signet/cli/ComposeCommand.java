package dev.signet.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "compose", mixinStandardHelpOptions = true,
    description = "Sign and/or encrypt a message as the person asks and the policy requires; the decisions go to stderr.")
final class ComposeCommand extends Composing {
  @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: standard output).")
  Path out;

  @Override
  public Integer call() throws Exception {
    try (StagedOutput staged = StagedOutput.to(Optional.ofNullable(out), terminal.out())) {
      compose(staged.stream());
      staged.commit();
    }
    return Cli.OK;
  }
}
