package dev.signet.server.web;

import dev.signet.mail.IdStoreContract;
import dev.signet.mail.StoreFiles;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** A person's digital-ID store in the web UI's database keeps the contract the store keeps over its folder. */
class WebIdFilesTest extends IdStoreContract {
  private static final AtomicInteger PEOPLE = new AtomicInteger();
  private static WebDatabase db;
  private String person;

  @BeforeAll
  static void migrate() throws IOException {
    CaDatabase database = CaDatabase.inDataFolder(Files.createTempDirectory("signet-web-id-files"));
    CertificateAuthority.open(database).close(); // migrates the schema, the web UI's tables with it
    db = new WebDatabase(database);
  }

  @AfterAll
  static void close() {
    db.close();
  }

  /** Each test a new person, so a new, empty store. */
  @BeforeEach
  void aNewPersonWithAnAccount() {
    person = "person" + PEOPLE.incrementAndGet() + "@example.org";
    new Accounts(db, Clock.systemUTC(), new SecureRandom()).create(person, "Ann", Accounts.Role.PERSON,
        "sign-in password 1".toCharArray());
  }

  @Override
  protected StoreFiles files() {
    return new WebIdFiles(db, person, Clock.systemUTC());
  }
}
