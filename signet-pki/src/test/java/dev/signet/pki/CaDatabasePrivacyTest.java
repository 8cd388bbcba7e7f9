package dev.signet.pki;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The H2 database in a data folder holds sealed keys: its folder and file are open to their owner only. */
class CaDatabasePrivacyTest {
  @TempDir Path dir;

  @Test
  void anOpenDataFolderBecomesPrivateAndTheDatabaseFileOwnerOnly() throws Exception {
    Path data = Files.createDirectory(dir.resolve("data"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    try (HikariDataSource pool = CaDatabase.inDataFolder(data).pool("privacy-test");
        Connection c = pool.getConnection()) {
      c.createStatement().execute("CREATE TABLE t (x INT)");
      c.commit();
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("ca.mv.db"))))
        .isEqualTo("rw-------");
    assertThat(Files.size(data.resolve("ca.mv.db"))).isPositive();
  }
}
