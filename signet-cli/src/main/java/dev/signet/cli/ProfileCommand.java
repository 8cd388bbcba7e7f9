package dev.signet.cli;

import dev.signet.core.ContentCipher;
import dev.signet.core.DigestAlgorithm;
import dev.signet.core.SecurityLabel;
import dev.signet.mail.IdStore;
import dev.signet.mail.Profile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "profile", mixinStandardHelpOptions = true,
    description = "Security-settings profiles: which IDs, hash, cipher and label new mail uses.",
    subcommands = {ProfileCommand.Add.class, ProfileCommand.ListProfiles.class, ProfileCommand.SetDefault.class,
        ProfileCommand.Remove.class})
final class ProfileCommand extends VerbFamily {

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a profile (the first becomes the default).")
  static final class Add extends CommandBase {
    @Mixin StoreOption storeOption;

    @Parameters(index = "0", paramLabel = "NAME", description = "The profile's name.")
    String name;

    @Option(names = "--signing-id", required = true, paramLabel = "ID", description = "The stored ID that signs.")
    String signingId;

    @Option(names = "--encryption-id", paramLabel = "ID", description = "The stored ID others encrypt to (default: the signing ID).")
    String encryptionId;

    @Option(names = "--hash", paramLabel = "ALG", defaultValue = "sha256", description = "sha256, sha384 or sha512.")
    String hash;

    @Option(names = "--cipher", paramLabel = "CIPHER", defaultValue = "aes128-gcm",
        description = "Preferred cipher: aes128-gcm, aes256-gcm, aes128-cbc or aes256-cbc.")
    String cipher;

    @Option(names = "--send-certificates", paramLabel = "true|false", defaultValue = "true", arity = "1",
        description = "Whether signed mail carries our certificates.")
    boolean sendCertificates;

    @Option(names = "--label", paramLabel = "FILE.der", description = "Default ESS security label (DER).")
    Path label;

    @Option(names = "--non-exportable-ids",
        description = "While this is the default profile, id new, id enroll and id import make non-exportable IDs "
            + "unless given --exportable.")
    boolean nonExportableIds;

    @Option(names = "--subject-visible",
        description = "Encrypted mail shows its Subject outside, as before header protection; by default the outside "
            + "shows [...] and the Subject travels encrypted (RFC 9788).")
    boolean subjectVisible;

    @Override
    public Integer call() throws Exception {
      DigestAlgorithm digest = SignCommand.digest(hash);
      ContentCipher preferred = EncryptCommand.cipher(cipher);
      Optional<byte[]> der = label == null ? Optional.empty() : Optional.of(securityLabel(label));
      storeOption.open(terminal).addProfile(new Profile(name, signingId, Optional.ofNullable(encryptionId), digest,
          preferred, sendCertificates, der, nonExportableIds, subjectVisible));
      terminal.err().println("signet: added profile " + name);
      return Cli.OK;
    }

    private static byte[] securityLabel(Path file) throws IOException {
      byte[] der = Files.readAllBytes(file);
      if (!SecurityLabel.isWellFormed(der)) {
        throw new UsageException(file + ": not a DER-encoded ESS security label");
      }
      return der;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The profiles in the store.")
  static final class ListProfiles extends CommandBase {
    @Mixin StoreOption storeOption;

    @Override
    public Integer call() throws Exception {
      IdStore store = storeOption.open(terminal);
      Optional<String> preferred = store.defaultProfile().map(Profile::name);
      for (Profile p : store.profiles()) {
        terminal.out().println(String.join("\t", p.name() + (preferred.filter(p.name()::equals).isPresent() ? " (default)" : ""),
            "signing " + p.signingId(), "encryption " + p.receivingId(), p.hash().jcaName(), p.cipher().displayName(),
            p.sendCertificates() ? "certificates sent" : "certificates not sent",
            p.label().isPresent() ? "label set" : "no label",
            p.nonExportable() ? "new IDs non-exportable" : "new IDs exportable",
            p.subjectVisible() ? "subject visible" : "subject encrypted"));
      }
      return Cli.OK;
    }
  }

  @Command(name = "set-default", mixinStandardHelpOptions = true, description = "Make a profile the default.")
  static final class SetDefault extends CommandBase {
    @Mixin StoreOption storeOption;

    @Parameters(index = "0", paramLabel = "NAME", description = "The profile's name.")
    String name;

    @Override
    public Integer call() throws Exception {
      storeOption.open(terminal).setDefaultProfile(name);
      return Cli.OK;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a profile.")
  static final class Remove extends CommandBase {
    @Mixin StoreOption storeOption;

    @Parameters(index = "0", paramLabel = "NAME", description = "The profile's name.")
    String name;

    @Override
    public Integer call() throws Exception {
      storeOption.open(terminal).removeProfile(name);
      return Cli.OK;
    }
  }
}
