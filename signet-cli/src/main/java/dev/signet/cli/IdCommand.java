package dev.signet.cli;

import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "id", mixinStandardHelpOptions = true, description = "Digital IDs.",
    subcommands = {IdCommand.New.class, IdStoreCommands.Import.class, IdStoreCommands.Export.class,
        IdStoreCommands.ListIds.class, IdStoreCommands.Delete.class, IdGetCommand.class, IdEnrollCommand.class})
final class IdCommand extends VerbFamily {

  @Command(name = "new", mixinStandardHelpOptions = true,
      description = "Create a self-signed digital ID (PKCS#12, AES-256 + PBKDF2) for trying things out.")
  static final class New extends CommandBase {
    @Option(names = "--email", required = true, paramLabel = "ADDR", description = "The email address it is for.")
    String email;

    @Option(names = "--name", paramLabel = "NAME", description = "The person's name (default: the address).")
    String name;

    @Option(names = "--key", paramLabel = "TYPE", defaultValue = "rsa3072",
        description = "rsa2048, rsa3072, rsa4096, ec-p256, ec-p384, ec-p521 or ed25519 (signing only).")
    String key;

    @Option(names = "--out", paramLabel = "ID.p12", description = "Where to write it (exportable IDs).")
    Path out;

    @Option(names = "--non-exportable",
        description = "Keep it in the store, sealed: it signs and decrypts there and can never be exported.")
    boolean nonExportable;

    @Option(names = "--store-as", paramLabel = "NAME",
        description = "Add it to the store under this name instead of writing --out (default with --non-exportable:"
            + " the address's local part).")
    String storeAs;

    @Mixin StoreOption storeOption;

    @Override
    public Integer call() throws Exception {
      if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
        throw new UsageException("not an email address: " + email);
      }
      KeyType type = KeyType.fromCliName(key)
          .orElseThrow(() -> new UsageException("unknown --key " + key
              + " (rsa2048, rsa3072, rsa4096, ec-p256, ec-p384, ec-p521, ed25519)"));
      boolean toStore = nonExportable || storeAs != null;
      if (toStore == (out != null)) {
        throw new UsageException(nonExportable ? "a non-exportable ID stays in the store: give --store-as, not --out"
            : "give --out FILE or --store-as NAME");
      }
      char[] password = password("Password for the new digital ID: ", true);
      SecureRandom random = new SecureRandom();
      DigitalId id = DigitalId.selfSigned(email, name == null ? email : name, type, Clock.systemUTC(), random);
      try {
        String where = toStore ? stored(id, password) : written(id, password, random);
        terminal.err().println("signet: " + where + " for " + email + " (" + type.cliName() + ", self-signed)");
      } finally {
        Arrays.fill(password, '\0');
      }
      return Cli.OK;
    }

    private String stored(DigitalId id, char[] password) throws java.io.IOException {
      String as = storeAs != null ? storeAs : email.substring(0, email.indexOf('@'));
      storeOption.open(terminal).add(as, id, password, !nonExportable);
      return "added " + as + (nonExportable ? " (non-exportable)" : "") + " to the store";
    }

    private String written(DigitalId id, char[] password, SecureRandom random) throws java.io.IOException {
      try (StagedOutput staged = StagedOutput.to(Optional.of(out), OutputStream.nullOutputStream())) {
        id.writePkcs12(staged.stream(), password, random);
        staged.commit();
      }
      return "wrote " + out;
    }
  }
}
