package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.pki.CaDatabase;
import dev.signet.testkit.TestClock;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What time does to the web UI: a session ends when left unused for its idle limit or at the end of its
 * lifetime however busy, with what it kept; and a sign-in lock-out ends. Two nodes share one database
 * and one clock the test moves, as two machines behind a load balancer share the time.
 */
class WebSessionTimeTest {
  private static final TestClock CLOCK = TestClock.realTime();
  private static CaDatabase database;
  private static WebFixture fixture;
  private static WebFixture second;
  private static WebDatabase db;

  @BeforeAll
  static void start() throws IOException {
    Path data = Files.createTempDirectory("signet-web-time");
    database = CaDatabase.inDataFolder(data);
    fixture = WebFixture.start(data, database, CLOCK);
    second = WebFixture.anotherNode(fixture, database, CLOCK);
    db = new WebDatabase(database);
  }

  @AfterAll
  static void stop() {
    if (db != null) {
      db.close();
    }
    if (second != null) {
      second.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void aSessionLeftUnusedForTheIdleLimitIsSignedOutAndWhatItKeptIsGone() throws IOException {
    WebClient alice = WebClient.unlocked(fixture, WebFixture.ALICE);
    String key = sessionKey(alice);
    assertThat(rows("web_session_secret", key)).isEqualTo(1);

    CLOCK.advance(Sessions.IDLE);
    HttpResponse<String> inbox = alice.get("/web/inbox");

    assertThat(inbox.statusCode()).isEqualTo(303);
    assertThat(inbox.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/web/signin"));
    assertThat(rows("web_session", key)).isZero();
    assertThat(rows("web_session_secret", key)).isZero();
  }

  @Test
  void aFormPostedAfterTheIdleLimitIsRefusedAsFromNoOneSignedIn() throws IOException {
    WebClient alice = WebClient.signedIn(fixture, WebFixture.ALICE);
    String csrf = alice.csrf("/web/compose");

    CLOCK.advance(Sessions.IDLE.plusMinutes(1));

    assertThat(alice.post("/web/compose", Map.of("csrf", csrf, "to", WebFixture.BOB, "subject", "late", "body", "x"))
        .statusCode()).isEqualTo(401);
  }

  @Test
  void aSessionUsedWithinTheIdleLimitStaysSignedIn() throws IOException {
    WebClient alice = WebClient.signedIn(fixture, WebFixture.ALICE);
    CLOCK.advance(Sessions.IDLE.minusMinutes(1));
    assertThat(alice.get("/web/inbox").statusCode()).isEqualTo(200);

    CLOCK.advance(Sessions.IDLE.minusMinutes(1));

    assertThat(alice.get("/web/inbox").statusCode()).isEqualTo(200);
  }

  @Test
  void useOnTheOtherNodeKeepsTheSessionAliveOnThisOne() throws IOException {
    WebClient onFirst = WebClient.signedIn(fixture, WebFixture.ALICE);
    WebClient onSecond = onFirst.at(second::https);
    CLOCK.advance(Sessions.IDLE.minusMinutes(5));
    assertThat(onSecond.get("/web/inbox").statusCode()).isEqualTo(200);

    CLOCK.advance(Sessions.IDLE.minusMinutes(5));

    assertThat(onFirst.get("/web/inbox").statusCode()).isEqualTo(200);
  }

  @Test
  void aShorterIdleLimitEndsSessionsSooner() {
    Sessions strict = new Sessions(db, CLOCK, new SecureRandom(), Duration.ofMinutes(5));
    Sessions.Opened opened = strict.open(fixture.web.accounts().find(WebFixture.ALICE).orElseThrow());

    CLOCK.advance(Duration.ofMinutes(5));

    assertThat(strict.find(opened.cookie())).isEmpty();
  }

  @Test
  void anIdleLimitLongerThanTheLifetimeIsRefused() {
    assertThatThrownBy(() -> new Sessions(db, CLOCK, new SecureRandom(), Sessions.LIFETIME.plusMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 8 hours");
  }

  @Test
  void aBusySessionStillEndsWhenItsLifetimeHasPassed() throws IOException {
    WebClient alice = WebClient.signedIn(fixture, WebFixture.ALICE);
    Duration step = Sessions.IDLE.dividedBy(2);
    for (Duration used = step; used.compareTo(Sessions.LIFETIME) < 0; used = used.plus(step)) {
      CLOCK.advance(step);
      assertThat(alice.get("/web/inbox").statusCode()).as("after %s", used).isEqualTo(200);
    }

    CLOCK.advance(step);

    assertThat(alice.get("/web/inbox").statusCode()).isEqualTo(303);
  }

  @Test
  void aBusySessionWritesWhenItWasLastUsedAtMostOnceAMinute() throws IOException {
    WebClient alice = WebClient.signedIn(fixture, WebFixture.ALICE);
    String key = sessionKey(alice);
    Instant signedIn = lastSeen(key);

    for (int i = 0; i < 5; i++) {
      CLOCK.advance(Sessions.SEEN_EVERY.dividedBy(10));
      assertThat(alice.get("/web/inbox").statusCode()).isEqualTo(200);
    }
    assertThat(lastSeen(key)).isEqualTo(signedIn);

    CLOCK.advance(Sessions.SEEN_EVERY.dividedBy(2));
    assertThat(alice.get("/web/inbox").statusCode()).isEqualTo(200);
    assertThat(lastSeen(key)).isAfter(signedIn);
  }

  @Test
  void aLockedOutAccountMaySignInAgainOnceTheWindowHasPassed() throws IOException {
    WebClient c = new WebClient(fixture);
    for (int i = 0; i < LoginLimiter.MAX_FAILURES; i++) {
      c.post("/web/signin", Map.of("email", WebFixture.BOB, "password", "guess " + i, "csrf", c.csrf("/web/signin")));
    }
    assertThat(c.post("/web/signin", Map.of("email", WebFixture.BOB, "password", WebFixture.PASSWORD,
        "csrf", c.csrf("/web/signin"))).statusCode()).isEqualTo(429);
    CLOCK.advance(LoginLimiter.WINDOW.plusMinutes(1));
    assertThat(c.post("/web/signin", Map.of("email", WebFixture.BOB, "password", WebFixture.PASSWORD,
        "csrf", c.csrf("/web/signin"))).statusCode()).isEqualTo(303);
  }

  /** The session's key in the database: the hash of the cookie the browser holds. */
  private static String sessionKey(WebClient browser) {
    return Sessions.hash(browser.cookie(WebUi.SESSION_COOKIE));
  }

  private static int rows(String table, String key) {
    return db.one("SELECT COUNT(*) FROM " + table + " WHERE token_hash = ?", r -> r.getInt(1), key).orElseThrow();
  }

  private static Instant lastSeen(String key) {
    return db.one("SELECT last_seen_at FROM web_session WHERE token_hash = ?", r -> WebDatabase.instant(r, 1), key)
        .orElseThrow();
  }
}
