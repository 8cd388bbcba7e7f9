package dev.signet.cli;

import dev.signet.core.DigitalId;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "read", mixinStandardHelpOptions = true,
    description = "Unwrap every layer (decrypt, verify) and write the plain message; the report goes to stderr.")
final class ReadCommand extends CommandBase {
  @Mixin ReadingOptions reading;

  @Option(names = "--id", paramLabel = "ID.p12", description = "A digital ID to decrypt with; repeatable.")
  List<Path> ids = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    List<DigitalId> keys = new ArrayList<>();
    for (Path p : ids) {
      keys.add(digitalId(p));
    }
    ReadOptions options = reading.apply(ReadOptions.readAll(keys, List.of()));
    try (InputStream message = input();
        StagedOutput staged = StagedOutput.to(Optional.ofNullable(reading.out), terminal.out())) {
      SecurityReport report = Reading.read(smime(), message, options, staged, reading, terminal);
      return Reading.finish(report, reading, staged, terminal, !reading.json || reading.out != null);
    }
  }
}
