package dev.signet.cli;

import dev.signet.core.DigitalId;
import dev.signet.core.SecurityLabel;
import dev.signet.core.SenderSettings;
import dev.signet.mail.IdStore;
import dev.signet.mail.Profile;
import dev.signet.mail.StoredId;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Who sends: a digital-ID file with default settings, or a stored settings profile (its signing ID, the
 * ID others encrypt to, its hash, preferred cipher and whether certificates travel). Shared by sign and compose.
 */
final class SenderOption {
  @Option(names = {"--from", "--id"}, paramLabel = "ID.p12", description = "The sender's digital ID file.")
  Path idFile;

  @Option(names = "--profile", paramLabel = "NAME",
      description = "A stored settings profile (without --from: the store's default profile).")
  String profile;

  @Mixin StoreOption store;

  /** The sender's digital ID and settings; a profile's IDs must be valid now. */
  Sender resolve(CommandBase command) throws IOException {
    if (idFile != null && profile != null) {
      throw new UsageException("give --from/--id or --profile, not both");
    }
    if (idFile != null) {
      DigitalId id = command.digitalId(idFile);
      return new Sender(id, SenderSettings.of(id), Optional.empty());
    }
    return fromProfile(command);
  }

  /** The sender's ID, settings and default security label (a profile's, used when no --label is given). */
  record Sender(DigitalId id, SenderSettings settings, Optional<SecurityLabel> defaultLabel) {}

  private Sender fromProfile(CommandBase command) throws IOException {
    IdStore ids = store.open(command.terminal);
    Profile chosen = (profile == null ? ids.defaultProfile() : ids.profile(profile))
        .orElseThrow(() -> new UsageException(profile == null
            ? "--from or --profile is needed (the store has no default profile)"
            : "no profile named " + profile + " in " + ids.folder()));
    StoredId signing = current(ids, chosen, chosen.signingId());
    StoredId receiving = current(ids, chosen, chosen.receivingId());
    char[] password = command.password("Password for " + signing.name() + ": ", false);
    try {
      DigitalId id = ids.load(signing.name(), password);
      return new Sender(id, new SenderSettings(chosen.hash(), chosen.cipher(), chosen.sendCertificates(),
          receiving.certificate()), chosen.label().map(SecurityLabel::fromDer));
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static StoredId current(IdStore ids, Profile profile, String name) throws IOException {
    StoredId stored = ids.find(name)
        .orElseThrow(() -> new UsageException("profile " + profile.name() + ": no ID named " + name));
    if (!stored.currentAt(Instant.now())) {
      throw new UsageException("profile " + profile.name() + ": " + stored.name() + " is not valid now (expires "
          + stored.expiry() + "); it is kept for old mail only");
    }
    return stored;
  }
}
