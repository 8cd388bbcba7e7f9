package dev.signet.cli;

import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Verify every signature of a message, or of each message file given. Exit 0 valid, 1 error,"
        + " 3 warning, 2 unreadable; for several files, the worst of theirs.")
final class VerifyCommand extends CommandBase {
  @Mixin ReadingOptions reading;

  @Mixin MessageFiles messages;

  @Option(names = "--content", paramLabel = "DATA", description = "The signed content, for a detached signature.")
  Path content;

  @Override
  public Integer call() throws Exception {
    if (content != null && messages.batch()) {
      throw new UsageException("--content belongs to one detached signature, not to several message files");
    }
    ReadOptions options = reading.apply(ReadOptions.verify(List.of()), terminal);
    return messages.eachConcurrently(this, reading, (message, file, on) -> verify(message, file, options, on));
  }

  private int verify(InputStream message, Optional<Path> file, ReadOptions options, Terminal on) throws IOException {
    Optional<Path> target = MessageFiles.contentTarget(reading, file);
    try (InputStream detached = content == null ? null : MessageFile.reading(content);
        StagedOutput staged = target.isPresent() ? StagedOutput.to(target, OutputStream.nullOutputStream())
            : StagedOutput.discarding()) {
      ReadOptions these = detached == null ? options : options.withDetachedContent(detached);
      SecurityReport report = Reading.read(smime(), message, these, staged, reading, on);
      return Reading.finish(report, reading, staged, on, target.isPresent(), file);
    }
  }
}
