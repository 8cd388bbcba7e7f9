package dev.signet.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "train", hidden = true, mixinStandardHelpOptions = true,
    description = "Run a course of verbs on throwaway files: the launcher's training run for an ahead-of-time cache.")
final class TrainCommand extends CommandBase {
  @Parameters(index = "0", paramLabel = "COURSE", description = "FIXTURES, VERIFY, DECRYPT, READ or COMMON.")
  TrainingRun.Course course;

  @Parameters(index = "1", paramLabel = "FIXTURES", description = "The folder FIXTURES makes the files in, which the"
      + " other courses run on.")
  Path fixtures;

  @Override
  public Integer call() throws IOException {
    TrainingRun.run(Path.of(System.getProperty("java.io.tmpdir")), course, fixtures, terminal.err());
    terminal.out().println("trained");
    return Cli.OK;
  }
}
