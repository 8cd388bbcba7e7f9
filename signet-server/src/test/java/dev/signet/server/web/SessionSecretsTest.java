package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a session keeps for its requests: opened by any node given the cookie, by nothing given the database alone. */
class SessionSecretsTest {
  private static final String MAIL_PASSWORD = "dana's mail password";
  private static WebDatabase db;
  private static Accounts.Person dana;

  @BeforeAll
  static void start() throws IOException {
    CaDatabase database = CaDatabase.inDataFolder(Files.createTempDirectory("signet-session-secrets"));
    CertificateAuthority.open(database).close(); // migrates the schema, the web UI's tables with it
    db = new WebDatabase(database);
    dana = new Accounts(db, Clock.systemUTC(), new SecureRandom()).create("dana@example.org", "Dana",
        Accounts.Role.PERSON, "sign-in password 1".toCharArray());
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  private static Sessions node() {
    return new Sessions(db, Clock.systemUTC(), new SecureRandom(), Sessions.IDLE);
  }

  @Test
  void anotherNodeOpensTheSecretWithTheCookie() {
    Sessions.Opened opened = node().open(dana);
    node().keep(opened.session(), "mail", MAIL_PASSWORD.toCharArray());

    Sessions other = node();

    assertThat(other.kept(other.find(opened.cookie()).orElseThrow(), "mail")).hasValueSatisfying(
        p -> assertThat(new String(p)).isEqualTo(MAIL_PASSWORD));
  }

  @Test
  void theDatabaseHoldsOnlyTheSealedSecret() {
    Sessions.Opened opened = node().open(dana);
    node().keep(opened.session(), "mail", MAIL_PASSWORD.toCharArray());

    byte[] sealed = sealed(opened.session().key(), "mail");

    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(MAIL_PASSWORD, opened.cookie());
  }

  @Test
  void aSealedSecretMovedToAnotherSessionDoesNotOpen() {
    Sessions.Opened mine = node().open(dana);
    Sessions.Opened theirs = node().open(dana);
    node().keep(mine.session(), "mail", MAIL_PASSWORD.toCharArray());
    db.update("INSERT INTO web_session_secret (token_hash, purpose, sealed) VALUES (?, ?, ?)", theirs.session().key(),
        "mail", sealed(mine.session().key(), "mail"));

    assertThat(node().kept(theirs.session(), "mail")).isEmpty();
  }

  @Test
  void eachPurposeKeepsItsOwnSecretAndForgettingOneLeavesTheOther() {
    Sessions.Opened opened = node().open(dana);
    node().keep(opened.session(), "mail", MAIL_PASSWORD.toCharArray());
    node().keep(opened.session(), "digital-id", "ID password".toCharArray());

    node().forget(opened.session(), "digital-id");

    assertThat(node().kept(opened.session(), "digital-id")).isEmpty();
    assertThat(node().kept(opened.session(), "mail")).isPresent();
  }

  @Test
  void signingOutTakesTheSecretsWithTheSession() {
    Sessions.Opened opened = node().open(dana);
    node().keep(opened.session(), "mail", MAIL_PASSWORD.toCharArray());

    node().close(opened.session());

    assertThat(db.one("SELECT COUNT(*) FROM web_session_secret WHERE token_hash = ?", r -> r.getInt(1),
        opened.session().key())).contains(0);
  }

  private static byte[] sealed(String session, String purpose) {
    return db.one("SELECT sealed FROM web_session_secret WHERE token_hash = ? AND purpose = ?", r -> r.getBytes(1),
        session, purpose).orElseThrow();
  }
}
