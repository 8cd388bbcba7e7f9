package dev.signet.pki;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the CA keeps its records: an H2 file database in the data folder by default, or any
 * PostgreSQL database given by its JDBC URL. The same schema and migrations serve both.
 */
public record CaDatabase(String jdbcUrl, String user, String password) {
  public CaDatabase {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("not an H2 or PostgreSQL JDBC URL: " + jdbcUrl);
    }
  }

  /** The H2 file database under {@code dataFolder}; a second process on the same folder connects through the first. */
  public static CaDatabase inDataFolder(Path dataFolder) {
    Path file = dataFolder.toAbsolutePath().resolve("ca");
    return new CaDatabase("jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE", "signet", "");
  }

  /** A PostgreSQL (or H2) URL; user and password may travel in it as parameters. */
  public static CaDatabase at(String jdbcUrl) {
    return new CaDatabase(jdbcUrl, "", "");
  }

  @Override
  public String toString() {
    return "CaDatabase[" + jdbcUrl.replaceAll("password=[^&;]*", "password=***") + "]";
  }

  /** A small pool of connections to this database, auto-commit off (work is done in transactions). */
  public HikariDataSource pool(String name) {
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
}
