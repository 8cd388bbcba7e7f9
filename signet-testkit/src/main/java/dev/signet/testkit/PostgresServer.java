package dev.signet.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL 15 (Debian's binaries) in a temporary folder on a loopback port, with
 * trust authentication. PostgreSQL refuses to run as root, so as root it runs as user postgres.
 * Where the binaries are missing the test is skipped, or fails under CI (see {@link ExternalTool}).
 */
public final class PostgresServer implements AutoCloseable {
  private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private final Path folder;
  private final int port;

  private PostgresServer(Path folder, int port) {
    this.folder = folder;
    this.port = port;
  }

  /** Starts a new cluster; call from a test (it may skip it). */
  public static PostgresServer start() {
    ExternalTool.requirePresent(Files.isExecutable(BIN.resolve("pg_ctl")), "PostgreSQL 15 is not installed (" + BIN + ")");
    try {
      Path folder = Files.createTempDirectory("signet-pg");
      if (isRoot()) {
        UserPrincipal postgres = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(folder, postgres);
      }
      int port = LoopbackPorts.free();
      Path data = folder.resolve("data");
      run(folder, BIN.resolve("initdb") + " -D " + data + " -A trust -U postgres --no-sync");
      run(folder, BIN.resolve("pg_ctl") + " -D " + data + " -o '-c listen_addresses=127.0.0.1 -p " + port + " -k "
          + folder + " -c fsync=off' -l " + folder.resolve("pg.log") + " -w start");
      return new PostgresServer(folder, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new, empty database on this server, as a JDBC URL (user postgres, no password). */
  public String newDatabase() {
    String name = "signet_" + DATABASES.incrementAndGet();
    run(folder, BIN.resolve("createdb") + " -h 127.0.0.1 -p " + port + " -U postgres " + name);
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=postgres";
  }

  @Override
  public void close() {
    try {
      run(folder, BIN.resolve("pg_ctl") + " -D " + folder.resolve("data") + " -m immediate -w stop");
    } finally {
      delete(folder);
    }
  }

  private static void run(Path folder, String command) {
    List<String> argv = isRoot() ? List.of("su", "postgres", "-s", "/bin/sh", "-c", command) : List.of("/bin/sh", "-c", command);
    ProcessRunner.runChecked(folder, argv);
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void delete(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
