package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.pki.CaDatabase;
import dev.signet.testkit.PostgresServer;
import dev.signet.testkit.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web UI with the organisation's records in PostgreSQL (Debian's 15): the same migrations, the same mail path. */
class WebOnPostgresTest {
  private static final TestClock CLOCK = TestClock.realTime();
  private static PostgresServer postgres;
  private static WebFixture fixture;

  @BeforeAll
  static void start() throws IOException {
    postgres = PostgresServer.start();
    fixture = WebFixture.start(Files.createTempDirectory("signet-web-pg"), CaDatabase.at(postgres.newDatabase()), CLOCK);
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void aliceSendsBobASignedEncryptedMessageAndBobReadsItVerified() throws IOException {
    WebClient alice = WebClient.signedIn(fixture, WebFixture.ALICE);
    alice.submit("/web/ids", "/web/ids/unlock", Map.of("password", WebFixture.ID_PASSWORD));
    assertThat(alice.submit("/web/compose", "/web/compose", Map.of("to", WebFixture.BOB, "subject", "Over PostgreSQL",
        "body", "stored as BYTEA", "sign", "1", "encrypt", "1", "receipt", "1", "clear", "1")).statusCode()).isEqualTo(303);

    WebClient bob = WebClient.signedIn(fixture, WebFixture.BOB);
    bob.submit("/web/ids", "/web/ids/unlock", Map.of("password", WebFixture.ID_PASSWORD));
    String id = fixture.newest(WebFixture.BOB).id();
    String page = bob.get("/web/mail/" + id).body();
    assertThat(page).contains("Signed by: alice@example.org", "valid signature, trusted",
        "Encrypted with AES-128-GCM", "stored as BYTEA");
    assertThat(bob.submit("/web/mail/" + id, "/web/mail/" + id + "/receipt", Map.of()).statusCode()).isEqualTo(303);
    assertThat(alice.get("/web/sent").body()).contains("valid receipt from bob@example.org");
  }

  @Test
  void aSessionLivesWhileUsedAndEndsWhenLeftIdle() throws IOException {
    WebClient alice = WebClient.signedIn(fixture, WebFixture.ALICE);
    for (int i = 0; i < 2; i++) {
      CLOCK.advance(Sessions.IDLE.minusMinutes(1));
      assertThat(alice.get("/web/inbox").statusCode()).isEqualTo(200);
    }

    CLOCK.advance(Sessions.IDLE);

    assertThat(alice.get("/web/inbox").statusCode()).isEqualTo(303);
  }
}
