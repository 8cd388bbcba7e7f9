package dev.signet.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transactions through {@link CaDatabase}: whole or nothing, and on H2 one writer at a time while readers go on. */
class CaDatabaseTransactionTest {
  @TempDir Path data;

  @Test
  void aTransactionThatFailsLeavesNothingBehind() throws Exception {
    CaDatabase database = CaDatabase.inDataFolder(data);
    try (HikariDataSource pool = database.pool("transaction-test")) {
      database.inTransaction(pool, c -> c.createStatement().execute("CREATE TABLE t (x INT)"));
      assertThatThrownBy(() -> database.inTransaction(pool, c -> {
        c.createStatement().execute("INSERT INTO t VALUES (1)");
        throw new SQLException("the second half failed");
      })).hasMessage("the second half failed");

      assertThat(database.inTransaction(pool, CaDatabaseTransactionTest::rows)).isZero();
    }
  }

  @Test
  void aReaderDoesNotWaitForAWriter() throws Exception {
    CaDatabase database = CaDatabase.inDataFolder(data);
    CountDownLatch writerOpen = new CountDownLatch(1);
    CountDownLatch readerDone = new CountDownLatch(1);
    try (HikariDataSource ca = database.pool("ca-test"); HikariDataSource web = database.pool("web-test")) {
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> run(database, ca, () -> {
        writerOpen.countDown();
        await(readerDone);
      }));
      await(writerOpen);
      boolean read = database.reading(web, c -> c.isValid(1));
      assertThat(read).isTrue();
      readerDone.countDown();
      writer.get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void twoWritersOnOneH2FileTakeTurnsSoThatAKillLeavesOnlyWholeTransactions() throws Exception {
    CaDatabase database = CaDatabase.inDataFolder(data);
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    AtomicBoolean secondRanDuringFirst = new AtomicBoolean();
    AtomicBoolean firstOpen = new AtomicBoolean();
    try (HikariDataSource ca = database.pool("ca-test"); HikariDataSource web = database.pool("web-test")) {
      CompletableFuture<Void> first = CompletableFuture.runAsync(() -> run(database, ca, () -> {
        firstOpen.set(true);
        firstStarted.countDown();
        await(releaseFirst);
        firstOpen.set(false);
      }));
      await(firstStarted);
      CompletableFuture<Void> second = CompletableFuture.runAsync(() -> run(database, web,
          () -> secondRanDuringFirst.set(firstOpen.get())));
      Thread.sleep(200); // time for the second to start, were it allowed to
      releaseFirst.countDown();
      CompletableFuture.allOf(first, second).get(30, TimeUnit.SECONDS);
    }
    assertThat(secondRanDuringFirst).isFalse();
  }

  private static int rows(Connection c) throws SQLException {
    try (ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
      r.next();
      return r.getInt(1);
    }
  }

  private static void run(CaDatabase database, HikariDataSource pool, Runnable inside) {
    try {
      database.inTransaction(pool, c -> {
        inside.run();
        return null;
      });
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
