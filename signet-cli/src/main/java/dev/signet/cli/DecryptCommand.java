package dev.signet.cli;

import dev.signet.core.ReadOptions;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "decrypt", mixinStandardHelpOptions = true,
    description = "Remove the outer encryption layer with a digital ID and write what was inside.")
final class DecryptCommand extends CommandBase {
  @Option(names = "--id", required = true, paramLabel = "ID.p12", description = "The recipient's digital ID.")
  Path id;

  @Option(names = "--legacy", description = "Decrypt old mail with 3DES or RC2.")
  boolean legacy;

  @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: standard output).")
  Path out;

  @Override
  public Integer call() throws Exception {
    ReadOptions options = ReadOptions.decrypt(List.of(digitalId(id)));
    if (legacy) {
      options = options.withAlgorithms(dev.signet.core.AlgorithmPolicy.LEGACY_READ);
    }
    try (InputStream message = input(); StagedOutput staged = StagedOutput.to(Optional.ofNullable(out), terminal.out())) {
      var report = smime().read(message, options, staged.stream());
      if (!report.encrypted()) {
        throw new UsageException("the message is not encrypted");
      }
      staged.commit();
    }
    return Cli.OK;
  }
}
