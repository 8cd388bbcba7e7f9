package dev.signet.cli;

import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/** What the CA's verbs and `serve` share: where the CA's records are, its passphrase, who is acting. */
abstract class CaVerb implements Callable<Integer>, TerminalAware {
  Terminal terminal;

  @Option(names = "--data", paramLabel = "DIR",
      description = "The service's data folder (default: $SIGNET_DATA, else ~/.signet/server).")
  Path data;

  @Option(names = "--db", paramLabel = "JDBC-URL",
      description = "The CA's database, e.g. jdbc:postgresql://HOST/DB (default: H2 in the data folder); "
          + "user and password from $SIGNET_DB_USER and $SIGNET_DB_PASSWORD.")
  String db;

  @Option(names = "--pass-file", paramLabel = "FILE",
      description = "File whose first line is the CA passphrase (else $SIGNET_CA_PASSWORD, else a prompt).")
  Path passFile;

  @Option(names = "--debug", description = "Show the stack trace of an error.")
  boolean debug;

  @Override
  public void attach(Terminal t) {
    this.terminal = t;
  }

  @Override
  public final Integer call() throws Exception {
    try {
      return execute();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  abstract int execute() throws Exception;

  Path dataFolder() {
    if (data != null) {
      return data;
    }
    String env = terminal.env().get("SIGNET_DATA");
    return env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".signet", "server");
  }

  CaDatabase database() {
    if (db == null) {
      return CaDatabase.inDataFolder(dataFolder());
    }
    return new CaDatabase(db, terminal.env().getOrDefault("SIGNET_DB_USER", ""),
        terminal.env().getOrDefault("SIGNET_DB_PASSWORD", ""));
  }

  /** Opens the CA's records; in the data folder, only where `ca init` made them. */
  CertificateAuthority open(boolean create) throws IOException {
    if (db == null) {
      if (create) {
        Files.createDirectories(dataFolder());
      } else if (!Files.exists(dataFolder().resolve("ca.mv.db"))) {
        throw new UsageException("no CA in " + dataFolder() + ": run signet ca init --data " + dataFolder());
      }
    }
    return CertificateAuthority.open(database());
  }

  /** --pass-file, else $SIGNET_CA_PASSWORD, else a prompt. */
  char[] caPassphrase(boolean confirm) throws IOException {
    return CommandBase.secret(terminal, "CA passphrase: ", confirm, passFile, "SIGNET_CA_PASSWORD");
  }

  /** Writes {@code bytes} to {@code file} through a staged temporary file, or to stdout. */
  void write(Path file, byte[] bytes) throws IOException {
    try (StagedOutput staged = StagedOutput.to(Optional.ofNullable(file), terminal.out())) {
      staged.stream().write(bytes);
      staged.commit();
    }
  }

  /** Who the audit log names for what this command does. */
  static String actor() {
    return "cli:" + System.getProperty("user.name", "unknown");
  }
}
