package dev.signet.pki;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Where the CA keeps its records: an H2 file database in the data folder by default, or any
 * PostgreSQL database given by its JDBC URL. The same schema and migrations serve both.
 */
public record CaDatabase(String jdbcUrl, String user, String password) {
  private static final String H2_FILE = "jdbc:h2:file:";
  /**
   * H2 writes its tables to the file one after the other while other transactions go on writing (H2
   * issue 2080). A process killed then can leave half of a transaction in the file: a change without its
   * undo record, which the next transaction given the same number takes for its own and commits. (The
   * crash test once found, after a restart, a token spent whose certificate was never issued.) Writers
   * that take turns within the process leave only whole transactions; readers write nothing, and
   * PostgreSQL needs no such thing.
   */
  private static final ReentrantLock H2_WRITERS = new ReentrantLock(true);

  /** Work done inside one transaction. */
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  public CaDatabase {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("not an H2 or PostgreSQL JDBC URL: " + jdbcUrl);
    }
  }

  /**
   * The H2 file database under {@code dataFolder}; a second process on the same folder connects through
   * the first. Each commit is written before it returns (H2 would otherwise write up to half a second
   * later, and a killed process would lose certificates it had issued and tokens it had spent).
   */
  public static CaDatabase inDataFolder(Path dataFolder) {
    Path file = dataFolder.toAbsolutePath().resolve("ca");
    return new CaDatabase("jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE;WRITE_DELAY=0", "signet", "");
  }

  /** A PostgreSQL (or H2) URL; user and password may travel in it as parameters. */
  public static CaDatabase at(String jdbcUrl) {
    return new CaDatabase(jdbcUrl, "", "");
  }

  @Override
  public String toString() {
    return "CaDatabase[" + jdbcUrl.replaceAll("password=[^&;]*", "password=***") + "]";
  }

  /**
   * A small pool of connections to this database, auto-commit off (work is done in transactions). An
   * H2 file database is first made private: its folder and file open to their owner only.
   */
  public HikariDataSource pool(String name) {
    if (jdbcUrl.startsWith(H2_FILE)) {
      makePrivate(Path.of(jdbcUrl.substring(H2_FILE.length()).split(";", 2)[0] + ".mv.db"));
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    if (!user.isEmpty()) {
      config.setUsername(user);
      config.setPassword(password);
    }
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(0);
    config.setAutoCommit(false);
    config.setPoolName(name);
    return new HikariDataSource(config);
  }

  /**
   * Runs {@code work}, which may write, in one transaction on a connection from {@code pool}, a pool of
   * this database: all of it is committed, or none. On H2, the process's writers take turns (see
   * {@link #H2_WRITERS}); the turn is taken before the connection, so those waiting hold none.
   */
  public <T> T inTransaction(DataSource pool, Work<T> work) throws SQLException {
    if (!jdbcUrl.startsWith("jdbc:h2:")) {
      return transaction(pool, work);
    }
    H2_WRITERS.lock();
    try {
      return transaction(pool, work);
    } finally {
      H2_WRITERS.unlock();
    }
  }

  /** Runs {@code work}, which only reads, in one transaction on a connection from {@code pool}; no turn is taken. */
  public <T> T reading(DataSource pool, Work<T> work) throws SQLException {
    return transaction(pool, work);
  }

  private static <T> T transaction(DataSource pool, Work<T> work) throws SQLException {
    try (Connection c = pool.getConnection()) {
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * The database holds sealed keys and the lock file beside it the key of H2's server for other
   * processes, so neither may be readable by others: the folder becomes rwx------ and the file,
   * made empty (H2 starts a new database in an empty file) when absent, rw-------.
   */
  private static void makePrivate(Path file) {
    Path folder = Objects.requireNonNull(file.toAbsolutePath().getParent(), "a database file has a folder");
    try {
      if (!Files.getFileStore(Files.createDirectories(folder)).supportsFileAttributeView("posix")) {
        return;
      }
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
      if (Files.notExists(file)) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the database folder " + folder + " private", e);
    }
  }
}
