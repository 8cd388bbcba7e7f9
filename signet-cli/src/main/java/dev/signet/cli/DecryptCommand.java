package dev.signet.cli;

import dev.signet.core.AlgorithmPolicy;
import dev.signet.core.ReadOptions;
import dev.signet.mail.Correspondent;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "decrypt", mixinStandardHelpOptions = true,
    description = "Remove the outer encryption layer with a digital ID and write what was inside.")
final class DecryptCommand extends CommandBase {
  @Mixin DecryptionIds ids;

  @Mixin StoreOption store;

  @Mixin PolicyOption policy;

  @Option(names = "--legacy", description = "Decrypt old mail with 3DES or RC2.")
  boolean legacy;

  @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: standard output).")
  Path out;

  @Override
  public Integer call() throws Exception {
    Correspondent person = Correspondent.of(store.open(terminal), policy.inForce(terminal));
    ReadOptions options = ReadOptions.decrypt(ids.keys(this, store, ids.named(this, store), person))
        .withPolicy(person.policy());
    if (legacy) {
      options = options.withAlgorithms(AlgorithmPolicy.LEGACY_READ);
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
