package dev.signet.cli;

import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
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
        description = "rsa2048, rsa3072, rsa4096, ec-p256, ec-p384, ec-p521; ed25519, ml-dsa-44, ml-dsa-65, ml-dsa-87"
            + " (signing only); ml-kem-512, ml-kem-768, ml-kem-1024 (encryption only: made as a pair with a"
            + " --signing-key ID, which issues it).")
    String key;

    @Option(names = "--signing-key", paramLabel = "TYPE", defaultValue = "ml-dsa-65",
        description = "With an ml-kem --key: the signing ID of the pair (default ml-dsa-65).")
    String signingKey;

    @Mixin IdDestination destination;

    @Override
    public Integer call() throws Exception {
      if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
        throw new UsageException("not an email address: " + email);
      }
      KeyType type = keyType("--key", key, EnumSet.allOf(KeyType.class));
      KeyType signingType = type.isKem() ? keyType("--signing-key", signingKey, EnumSet.allOf(KeyType.class)) : type;
      if (!signingType.signs()) {
        throw new UsageException("--signing-key " + signingKey + " cannot sign: the pair needs a signing key");
      }
      destination.check(terminal, type.isKem());
      char[] password = password("Password for the new digital ID: ", true);
      SecureRandom random = new SecureRandom();
      DigitalId signing = DigitalId.selfSigned(email, name == null ? email : name, signingType, Clock.systemUTC(), random);
      try {
        String where = destination.keep(signing, password, email, "", terminal);
        terminal.err().println("signet: " + where + " for " + email + " (" + signingType.cliName() + ", self-signed)");
        if (type.isKem()) {
          // The KEM ID is the pair's second half: its certificate is issued by the signing ID just made.
          DigitalId kem = DigitalId.encryptionPartner(signing, type, Clock.systemUTC(), random);
          String kemWhere = destination.keep(kem, password, email, IdDestination.ENCRYPTION, terminal);
          terminal.err().println("signet: " + kemWhere + " for " + email + " (" + type.cliName()
              + ", encryption only, issued by the " + signingType.cliName() + " ID)");
        }
      } finally {
        Arrays.fill(password, '\0');
      }
      return Cli.OK;
    }
  }
}
