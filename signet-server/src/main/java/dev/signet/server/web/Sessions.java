package dev.signet.server.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Signed-in sessions, kept in the database so any node can serve them. The cookie carries a random
 * token; only its SHA-256 is stored. Each session has its own CSRF token for its forms.
 */
final class Sessions {
  static final Duration LIFETIME = Duration.ofHours(8);

  /** A live session: its key in the database, its person and its forms' token. */
  record Session(String key, Accounts.Person person, String csrf, Instant expires) {}

  /** A new session: the cookie's value and the session it opens. */
  record Opened(String cookie, Session session) {}

  private final WebDatabase db;
  private final Clock clock;
  private final SecureRandom random;

  Sessions(WebDatabase db, Clock clock, SecureRandom random) {
    this.db = db;
    this.clock = clock;
    this.random = random;
  }

  Opened open(Accounts.Person person) {
    String cookie = secret();
    String csrf = secret();
    Instant now = clock.instant();
    Session session = new Session(hash(cookie), person, csrf, now.plus(LIFETIME));
    db.inTransaction(c -> {
      WebDatabase.update(c, "DELETE FROM web_session WHERE expires_at < ?", now);
      return WebDatabase.update(c, "INSERT INTO web_session (token_hash, email, csrf, created_at, expires_at)"
          + " VALUES (?, ?, ?, ?, ?)", session.key(), person.email(), csrf, now, session.expires());
    });
    return new Opened(cookie, session);
  }

  Optional<Session> find(String cookie) {
    if (cookie == null || cookie.isEmpty() || cookie.length() > 100) {
      return Optional.empty();
    }
    return db.one("SELECT s.token_hash, p.email, p.name, p.role, s.csrf, s.expires_at FROM web_session s"
        + " JOIN web_person p ON p.email = s.email WHERE s.token_hash = ? AND s.expires_at > ?",
        r -> new Session(r.getString(1), new Accounts.Person(r.getString(2), r.getString(3),
            Accounts.Role.of(r.getString(4))), r.getString(5), WebDatabase.instant(r, 6)), hash(cookie), clock.instant());
  }

  void close(Session session) {
    db.update("DELETE FROM web_session WHERE token_hash = ?", session.key());
  }

  private String secret() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String hash(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
