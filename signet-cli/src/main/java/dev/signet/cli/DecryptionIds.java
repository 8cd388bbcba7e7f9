package dev.signet.cli;

import dev.signet.core.DecryptionWarmUp;
import dev.signet.core.DigitalId;
import dev.signet.mail.Correspondent;
import dev.signet.mail.IdStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The digital IDs a reading verb decrypts with: each {@code --id} a file or the name of a stored ID;
 * without one, every ID in the store that decrypts, expired ones included, each unlocked only if the
 * message is encrypted to it.
 */
final class DecryptionIds {
  @Option(names = "--id", paramLabel = "ID.p12|NAME", description = "A digital ID file, or the name of a stored ID, to"
      + " decrypt with; repeatable (default: every ID in the store, expired ones included).")
  List<String> given = new ArrayList<>();

  /** An ID the person named, and how to open it again (RespondToReceiptRequest=1 asks for the password anew). */
  record Named(DigitalId id, IdArgument.Reopening reopen) {}

  /**
   * The IDs named with --id, opened now. For a message that may be large the ciphers and the base64
   * decoder warm up meanwhile, on the spare core: unlocking an ID takes about a second, and decryption runs
   * at full speed only once they are warm.
   */
  List<Named> named(CommandBase command, StoreOption store) throws IOException {
    if (command.inputMayBeLarge()) {
      DecryptionWarmUp.start();
    }
    List<Named> all = new ArrayList<>();
    for (String value : given) {
      IdArgument.Reopening opening = IdArgument.opening(command, store, value);
      all.add(new Named(opening.open(), opening));
    }
    return all;
  }

  /** The keys to decrypt with: those named, else the store's (when the person has one). */
  List<DigitalId> keys(CommandBase command, StoreOption store, List<Named> named, Correspondent person)
      throws IOException {
    if (!named.isEmpty()) {
      return named.stream().map(Named::id).toList();
    }
    Optional<Path> folder = store.inUse(command.terminal);
    return folder.isPresent() ? person.decryptionKeys(command.unlocking(store.open(command.terminal))) : List.of();
  }
}
