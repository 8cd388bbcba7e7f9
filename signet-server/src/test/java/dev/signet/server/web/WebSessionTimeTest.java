package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.pki.CaDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What time does to the web UI: sessions expire, and a sign-in lock-out ends. */
class WebSessionTimeTest {
  private static final MovableClock CLOCK = new MovableClock();
  private static WebFixture fixture;

  /** A clock the test moves forward. */
  static final class MovableClock extends Clock {
    private volatile Instant now = Instant.now();

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @BeforeAll
  static void start() throws IOException {
    Path data = Files.createTempDirectory("signet-web-time");
    fixture = WebFixture.start(data, CaDatabase.inDataFolder(data), CLOCK);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void aSessionEndsWhenItsLifetimeHasPassed() throws IOException {
    WebClient alice = WebClient.signedIn(fixture, WebFixture.ALICE);
    assertThat(alice.get("/web/inbox").statusCode()).isEqualTo(200);
    CLOCK.advance(Sessions.LIFETIME.plusMinutes(1));
    assertThat(alice.get("/web/inbox").statusCode()).isEqualTo(303);
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
}
