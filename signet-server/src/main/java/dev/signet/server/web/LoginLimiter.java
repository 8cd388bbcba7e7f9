package dev.signet.server.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Slows password guessing: after {@link #MAX_FAILURES} failed sign-ins against one account within
 * {@link #WINDOW}, or {@link #MAX_FAILURES_PER_ADDRESS} from one network address (many people may share
 * one), further attempts are refused until the window has passed. Kept in the database, so every node
 * counts the failures made on any of them; each limiter counts in a scope of its own.
 */
final class LoginLimiter {
  static final int MAX_FAILURES = 5;
  static final int MAX_FAILURES_PER_ADDRESS = 50;
  static final Duration WINDOW = Duration.ofMinutes(15);

  private final WebDatabase db;
  private final Clock clock;
  private final String scope;

  /** A limiter counting in {@code scope} ("sign-in", say); each scope counts apart from the others. */
  LoginLimiter(WebDatabase db, Clock clock, String scope) {
    this.db = db;
    this.clock = clock;
    this.scope = scope;
  }

  boolean allows(String ip, String email) {
    Instant since = clock.instant().minus(WINDOW);
    return recent("ip:" + ip, since) < MAX_FAILURES_PER_ADDRESS
        && recent("account:" + Accounts.normalize(email), since) < MAX_FAILURES;
  }

  /** Counts a failure against both the address and the account; failures older than the window go. */
  void failed(String ip, String email) {
    Instant now = clock.instant();
    db.inTransaction(c -> {
      WebDatabase.update(c, "DELETE FROM web_login_failure WHERE failed_at < ?", now.minus(WINDOW));
      for (String subject : new String[] {"ip:" + ip, "account:" + Accounts.normalize(email)}) {
        WebDatabase.update(c, "INSERT INTO web_login_failure (scope, subject_hash, failed_at) VALUES (?, ?, ?)", scope,
            Sessions.hash(subject), now);
      }
      return null;
    });
  }

  private int recent(String subject, Instant since) {
    return db.one("SELECT COUNT(*) FROM web_login_failure WHERE scope = ? AND subject_hash = ? AND failed_at >= ?",
        r -> r.getInt(1), scope, Sessions.hash(subject), since).orElse(0);
  }
}
