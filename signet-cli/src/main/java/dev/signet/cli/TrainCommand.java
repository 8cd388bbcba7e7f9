package dev.signet.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "train", hidden = true, mixinStandardHelpOptions = true,
    description = "Run a course of verbs on throwaway files: the launcher's training run for an ahead-of-time cache.")
final class TrainCommand extends CommandBase {
  @Parameters(index = "0", paramLabel = "COURSE", description = "VERIFY or COMMON.")
  TrainingRun.Course course;

  @Override
  public Integer call() throws IOException {
    TrainingRun.run(Path.of(System.getProperty("java.io.tmpdir")), course, terminal.err());
    terminal.out().println("trained");
    return Cli.OK;
  }
}
