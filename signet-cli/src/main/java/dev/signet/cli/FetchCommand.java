package dev.signet.cli;

import dev.signet.mail.transport.FetchedMessages;
import dev.signet.mail.transport.Login;
import dev.signet.mail.transport.MailServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "fetch", mixinStandardHelpOptions = true,
    description = "Fetch a mailbox folder over IMAP (STARTTLS or IMAPS): one .eml file per message, the exact bytes "
        + "the server holds, named UIDVALIDITY-UID.eml; messages already in DIR are skipped. Prints the new files.")
final class FetchCommand implements Callable<Integer>, TerminalAware {
  private Terminal terminal;

  @Option(names = "--imap", required = true, paramLabel = "URL",
      description = "imap://host[:port][/FOLDER] (STARTTLS, default port 143) or imaps://... (TLS, 993); folder INBOX.")
  String imap;

  @Mixin MailLoginOptions mail;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write the messages to.")
  Path out;

  @Option(names = "--debug", description = "Show the stack trace of an error.")
  boolean debug;

  @Override
  public void attach(Terminal t) {
    this.terminal = t;
  }

  @Override
  public Integer call() throws Exception {
    MailServer server = MailServer.imap(imap);
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UsageException("--out must be a folder: " + out);
    }
    var transport = mail.transport();
    Files.createDirectories(out);
    int fetched;
    try (Login login = mail.login(terminal)) {
      fetched = transport.fetch(server, login, new Folder(out.toAbsolutePath().normalize()));
    }
    terminal.err().println("fetched " + fetched + " new message" + (fetched == 1 ? "" : "s") + " from " + server
        + " into " + out);
    return Cli.OK;
  }

  /** Messages into files whose names are made of numbers only, so no server can choose a path. */
  private final class Folder implements FetchedMessages {
    private final Path dir;

    Folder(Path dir) {
      this.dir = dir;
    }

    private Path file(long uidValidity, long uid) {
      return dir.resolve(Long.toUnsignedString(uidValidity) + "-" + Long.toUnsignedString(uid) + ".eml");
    }

    @Override
    public boolean wants(long uidValidity, long uid) {
      return !Files.exists(file(uidValidity, uid));
    }

    @Override
    public void accept(long uidValidity, long uid, Instant received, byte[] raw) throws IOException {
      Path target = file(uidValidity, uid);
      Path staged = Files.createTempFile(dir, ".signet-", ".part");
      try {
        Files.write(staged, raw);
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(staged);
      }
      terminal.out().println(target);
    }
  }
}
