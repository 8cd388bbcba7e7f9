package dev.signet.cli;

import dev.signet.core.DigitalId;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.mail.AddressBook;
import dev.signet.mail.Correspondent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "read", mixinStandardHelpOptions = true,
    description = "Unwrap every layer (decrypt, verify) and write the plain message; the report goes to stderr."
        + " Signers whose signature holds and chains to a trusted root go into the store's address book.")
final class ReadCommand extends CommandBase {
  @Mixin ReadingOptions reading;

  @Mixin StoreOption store;

  @Mixin DecryptionIds ids;

  @Mixin ReceiptAnswering receipt;

  @Mixin MessageFiles messages;

  @Option(names = "--no-harvest", description = "Do not add the signers' certificates to the address book.")
  boolean noHarvest;

  @Override
  public Integer call() throws Exception {
    if (receipt.receiptOut != null && messages.batch()) {
      throw new UsageException("--receipt-out answers one message, not several message files");
    }
    Correspondent person = Correspondent.of(store.open(terminal), reading.policy(terminal));
    List<DecryptionIds.Named> named = ids.named(this, store);
    List<DigitalId> keys = ids.keys(this, store, named, person);
    ReadOptions options = reading.apply(ReadOptions.readAll(keys, List.of()), terminal);
    // One message at a time: reading learns certificates into the address book and may answer receipts.
    return messages.each(this, reading, (message, file, on) -> read(message, file, options, named, person));
  }

  /** A batch of files needs the ciphers warmed up only if one of them is large. */
  @Override
  boolean inputMayBeLarge() {
    return messages.batch() ? messages.files.stream().anyMatch(CommandBase::mayBeLarge) : super.inputMayBeLarge();
  }

  /** One message: alone, its content goes to --out or standard output; in a batch, only into the --out folder. */
  private int read(InputStream message, Optional<Path> file, ReadOptions options, List<DecryptionIds.Named> named,
      Correspondent person) throws IOException {
    Optional<Path> target = MessageFiles.contentTarget(reading, file);
    boolean release = file.isEmpty() ? !reading.json || reading.out != null : target.isPresent();
    try (StagedOutput staged = StagedOutput.to(target, terminal.out())) {
      SecurityReport report = Reading.read(smime(), message, options, staged, reading, terminal);
      harvest(report);
      int code = Reading.finish(report, reading, staged, terminal, release, file);
      receipt.answer(this, report, named, person, code == Cli.OK || code == Cli.WARNING_VERDICT);
      return code;
    }
  }

  /** Into the store named by --store or $SIGNET_STORE, or the default one if the person has it; never made for this. */
  private void harvest(SecurityReport report) throws IOException {
    Optional<Path> folder = store.inUse(terminal);
    if (noHarvest || folder.isEmpty()) {
      return;
    }
    for (String address : AddressBook.in(folder.get()).harvest(report, Instant.now())) {
      terminal.err().println("signet: address book: learned the certificate of " + address);
    }
  }
}
