package dev.signet.cli;

import dev.signet.core.DigitalId;
import dev.signet.mail.IdStore;
import dev.signet.mail.StoredId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What an {@code --id} value names: a digital-ID file, else the name of an ID in the store. */
final class IdArgument {
  private IdArgument() {}

  /** How a named ID is opened, and opened again (RespondToReceiptRequest=1 asks for the password anew). */
  @FunctionalInterface
  interface Reopening {
    DigitalId open() throws IOException;
  }

  /** How the ID {@code value} names is opened, a file or else a stored ID, through the key agent or with the password. */
  static Reopening opening(CommandBase command, StoreOption store, String value) throws IOException {
    Path file = Path.of(value);
    if (Files.isRegularFile(file)) {
      return () -> command.idFile(file);
    }
    IdStore ids = store.open(command.terminal);
    StoredId stored = ids.find(value).orElseThrow(() -> new UsageException("--id " + value
        + ": no such file, and no digital ID of that name in " + ids.folder()));
    return () -> command.unlocking(ids).open(stored);
  }
}
