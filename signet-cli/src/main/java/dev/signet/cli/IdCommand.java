package dev.signet.cli;

import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
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

    @Mixin IdDestination destination;

    @Override
    public Integer call() throws Exception {
      if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
        throw new UsageException("not an email address: " + email);
      }
      KeyType type = KeyType.fromCliName(key)
          .orElseThrow(() -> new UsageException("unknown --key " + key
              + " (rsa2048, rsa3072, rsa4096, ec-p256, ec-p384, ec-p521, ed25519)"));
      destination.check(terminal);
      char[] password = password("Password for the new digital ID: ", true);
      DigitalId id = DigitalId.selfSigned(email, name == null ? email : name, type, Clock.systemUTC(), new SecureRandom());
      try {
        String where = destination.keep(id, password, email, "", terminal);
        terminal.err().println("signet: " + where + " for " + email + " (" + type.cliName() + ", self-signed)");
      } finally {
        Arrays.fill(password, '\0');
      }
      return Cli.OK;
    }
  }
}
