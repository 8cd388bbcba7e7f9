package dev.signet.directory;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where the embedded directory keeps its entries: one LDIF file, written whole to a temporary file
 * beside it and renamed over it, so a crash leaves the previous or the next state, never half of one.
 */
final class LdifFile {
  static final String NAME = "gal.ldif";
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final Path file;
  private final Object writing = new Object();
  private volatile InMemoryDirectoryServer server;

  LdifFile(Path dataFolder) {
    this.file = dataFolder.resolve(NAME);
  }

  boolean exists() {
    return Files.exists(file);
  }

  /** Loads the saved entries into {@code server}, which from now on is the one saved. */
  void load(InMemoryDirectoryServer into) throws LDAPException {
    server = into;
    into.importFromLDIF(true, file.toFile());
  }

  /** From now on {@code from} is the server whose entries are saved. */
  void attach(InMemoryDirectoryServer from) {
    server = from;
  }

  /** Every entry, now. */
  void save() {
    synchronized (writing) {
      Path temp = file.resolveSibling(NAME + ".part");
      try {
        Files.deleteIfExists(temp);
        // password hashes are in it: only the owner may read it
        if (POSIX) {
          Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (LDIFWriter ldif = new LDIFWriter(Files.newOutputStream(temp))) {
          server.exportToLDIF(ldif, false, true, false);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (LDAPException e) {
        throw new UncheckedIOException(new IOException("cannot save the directory to " + file + ": "
            + e.getMessage(), e));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
