package dev.signet.cli;

import dev.signet.mail.IdStore;
import dev.signet.mail.Profile;
import dev.signet.mail.StoredId;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code id} verbs that work on the store: import, export, list, delete. */
final class IdStoreCommands {
  private IdStoreCommands() {}

  @Command(name = "import", mixinStandardHelpOptions = true, description = "Add a PKCS#12 digital ID to the store.")
  static final class Import extends CommandBase {
    @Mixin StoreOption storeOption;

    @Parameters(index = "0", paramLabel = "FILE.p12", description = "The digital ID to add.")
    Path file;

    @Option(names = "--name", paramLabel = "NAME", description = "Its name in the store (default: the file's name).")
    String name;

    @Option(names = "--non-exportable", description = "Seal the private key in the store: it can never be exported.")
    boolean nonExportable;

    @Option(names = "--exportable",
        description = "Exportable even when the store's default profile makes new digital IDs non-exportable.")
    boolean exportable;

    @Override
    public Integer call() throws Exception {
      if (nonExportable && exportable) {
        throw new UsageException("give --non-exportable or --exportable, not both");
      }
      boolean sealed = nonExportable || !exportable && IdDestination.sealedByDefault(storeOption, terminal);
      char[] password = password("Password for " + file.getFileName() + ": ", false);
      try {
        StoredId id = storeOption.open(terminal).importPkcs12(file, Optional.ofNullable(name), password, !sealed);
        terminal.err().println("signet: imported " + id.name() + " (" + id.email() + ", " + id.purpose().label()
            + (sealed ? ", non-exportable" : "") + ")");
      } finally {
        Arrays.fill(password, '\0');
      }
      return Cli.OK;
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write a stored digital ID to a PKCS#12 file; --delete then removes it from the store.")
  static final class Export extends CommandBase {
    @Mixin StoreOption storeOption;

    @Parameters(index = "0", paramLabel = "NAME", description = "The ID's name in the store.")
    String name;

    @Option(names = "--out", required = true, paramLabel = "FILE.p12", description = "Where to write it.")
    Path out;

    @Option(names = "--delete", description = "Remove it from the store once the file is written and read back.")
    boolean delete;

    /**
     * The file is written beside {@code --out} under a temporary name and renamed into place only once the store has
     * done all it was asked: a refused {@code --delete} (the ID is used by a profile) leaves no exported file behind.
     * A file already at {@code --out} is refused first.
     */
    @Override
    public Integer call() throws Exception {
      IdDestination.refuseExisting(out);
      char[] password = password("Password for " + name + ": ", false);
      Path target = out.toAbsolutePath();
      Path folder = target.getParent();
      if (folder == null) {
        throw new UsageException("--out must name a file, not " + out);
      }
      Path temp = ownerOnly(folder);
      boolean removedFromStore = false;
      boolean keepTemp = false;
      try {
        storeOption.open(terminal).exportPkcs12(name, temp, password, delete);
        removedFromStore = delete;
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        if (removedFromStore) {
          keepTemp = true; // the only copy of the ID now
          throw new IOException("cannot write " + out + " (" + Cli.message(e) + "); " + name
              + " is no longer in the store: it is in " + temp, e);
        }
        throw e;
      } finally {
        Arrays.fill(password, '\0');
        if (!keepTemp) {
          Files.deleteIfExists(temp);
        }
      }
      terminal.err().println("signet: wrote " + out + (delete ? "; " + name + " removed from the store" : ""));
      return Cli.OK;
    }
  }

  /** An empty file only its owner may read, beside where the export goes. */
  private static Path ownerOnly(Path dir) throws IOException {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        ? Files.createTempFile(dir, ".signet-export-", ".part",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        : Files.createTempFile(dir, ".signet-export-", ".part");
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The digital IDs in the store.")
  static final class ListIds extends CommandBase {
    @Mixin StoreOption storeOption;

    @Option(names = "--json", description = "One JSON object per ID, in an array.")
    boolean json;

    /** One listed ID: what a person needs to choose it, and which profiles use it. */
    record Row(String name, String email, String usage, String issuer, String expires, boolean expired,
        boolean exportable, List<String> profiles) {}

    @Override
    public Integer call() throws Exception {
      IdStore store = storeOption.open(terminal);
      List<Profile> profiles = store.profiles();
      Instant now = Instant.now();
      List<Row> rows = store.list().stream().map(id -> new Row(id.name(), id.email(), id.purpose().label(), id.issuer(),
          id.expiry().toString(), id.expiredAt(now), id.exportable(), profiles.stream().filter(p -> p.uses(id.name())).map(Profile::name).toList()))
          .toList();
      if (json) {
        terminal.out().println(ReportPrinter.Json.MAPPER.writeValueAsString(rows));
        return Cli.OK;
      }
      for (Row r : rows) {
        terminal.out().println(String.join("\t", r.name(), r.email(), r.usage(), r.issuer(), "expires " + r.expires(),
            r.expired() ? "EXPIRED" : "current", r.exportable() ? "exportable" : "non-exportable", r.profiles().isEmpty() ? "-" : "profiles: " + String.join(",", r.profiles())));
      }
      return Cli.OK;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Remove a digital ID from the store.")
  static final class Delete extends CommandBase {
    @Mixin StoreOption storeOption;

    @Parameters(index = "0", paramLabel = "NAME", description = "The ID's name in the store.")
    String name;

    @Override
    public Integer call() throws Exception {
      storeOption.open(terminal).delete(name);
      terminal.err().println("signet: deleted " + name);
      return Cli.OK;
    }
  }
}
