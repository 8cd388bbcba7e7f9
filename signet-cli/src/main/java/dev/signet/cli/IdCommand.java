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
import picocli.CommandLine.Option;

@Command(name = "id", mixinStandardHelpOptions = true, description = "Digital IDs.",
    subcommands = {IdCommand.New.class, IdStoreCommands.Import.class, IdStoreCommands.Export.class,
        IdStoreCommands.ListIds.class, IdStoreCommands.Delete.class, IdGetCommand.class})
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

    @Option(names = "--out", required = true, paramLabel = "ID.p12", description = "Where to write it.")
    Path out;

    @Override
    public Integer call() throws Exception {
      if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
        throw new UsageException("not an email address: " + email);
      }
      KeyType type = KeyType.fromCliName(key)
          .orElseThrow(() -> new UsageException("unknown --key " + key
              + " (rsa2048, rsa3072, rsa4096, ec-p256, ec-p384, ec-p521, ed25519)"));
      char[] password = password("Password for the new digital ID: ", true);
      SecureRandom random = new SecureRandom();
      DigitalId id = DigitalId.selfSigned(email, name == null ? email : name, type, Clock.systemUTC(), random);
      try (StagedOutput staged = StagedOutput.to(Optional.of(out), OutputStream.nullOutputStream())) {
        id.writePkcs12(staged.stream(), password, random);
        staged.commit();
      } finally {
        Arrays.fill(password, '\0');
      }
      terminal.err().println("signet: wrote " + out + " for " + email + " (" + type.cliName() + ", self-signed)");
      return Cli.OK;
    }
  }
}
