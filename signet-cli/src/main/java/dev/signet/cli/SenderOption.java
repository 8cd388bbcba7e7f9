package dev.signet.cli;

import dev.signet.mail.Correspondent;
import dev.signet.mail.IdStore;
import dev.signet.mail.Sender;
import java.io.IOException;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Who sends: a digital-ID file, or a stored settings profile (the store's default without either). */
final class SenderOption {
  @Option(names = {"--from", "--id"}, paramLabel = "ID.p12|NAME",
      description = "The sender's digital ID: a file, or the name of a stored ID.")
  String id;

  @Option(names = "--profile", paramLabel = "NAME",
      description = "A stored settings profile (without --from: the store's default profile).")
  String profile;

  @Mixin StoreOption store;

  /** The sender, as signet-mail chooses it: only IDs valid now send. */
  Sender resolve(CommandBase command, Correspondent person) throws IOException {
    if (id != null && profile != null) {
      throw new UsageException("give --from/--id or --profile, not both");
    }
    if (id != null) {
      return person.sender(IdArgument.opening(command, store, id).open());
    }
    IdStore ids = store.open(command.terminal);
    if (profile == null && ids.defaultProfile().isEmpty()) {
      throw new UsageException("--from or --profile is needed (the store has no default profile)");
    }
    return person.sender(Optional.ofNullable(profile), Optional.empty(), command.unlocking(ids));
  }
}
