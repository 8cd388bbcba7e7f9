package dev.signet.cli;

import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Verify every signature of a message. Exit 0 valid, 1 error, 3 warning, 2 unreadable.")
final class VerifyCommand extends CommandBase {
  @Mixin ReadingOptions reading;

  @Option(names = "--content", paramLabel = "DATA", description = "The signed content, for a detached signature.")
  Path content;

  @Override
  public Integer call() throws Exception {
    ReadOptions options = reading.apply(ReadOptions.verify(List.of()), terminal);
    try (InputStream message = input();
        InputStream detached = content == null ? null : Files.newInputStream(content);
        StagedOutput staged = StagedOutput.to(Optional.ofNullable(reading.out), java.io.OutputStream.nullOutputStream())) {
      if (detached != null) {
        options = options.withDetachedContent(detached);
      }
      SecurityReport report = Reading.read(smime(), message, options, staged, reading, terminal);
      return Reading.finish(report, reading, staged, terminal, reading.out != null);
    }
  }
}
