package dev.signet.server.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@link #MAX_FAILURES} failed sign-ins against one account within
 * {@link #WINDOW}, or {@link #MAX_FAILURES_PER_ADDRESS} from one network address (many people may share
 * one), further attempts are refused until the window has passed. Kept in this node's memory.
 */
final class LoginLimiter {
  static final int MAX_FAILURES = 5;
  static final int MAX_FAILURES_PER_ADDRESS = 50;
  static final Duration WINDOW = Duration.ofMinutes(15);

  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  LoginLimiter(Clock clock) {
    this.clock = clock;
  }

  boolean allows(String ip, String email) {
    return recent("ip:" + ip) < MAX_FAILURES_PER_ADDRESS && recent("account:" + Accounts.normalize(email)) < MAX_FAILURES;
  }

  void failed(String ip, String email) {
    Instant now = clock.instant();
    for (String key : new String[] {"ip:" + ip, "account:" + Accounts.normalize(email)}) {
      failures.compute(key, (k, q) -> {
        Deque<Instant> d = q == null ? new ArrayDeque<>() : q;
        d.addLast(now);
        return d;
      });
    }
  }

  private int recent(String key) {
    Instant since = clock.instant().minus(WINDOW);
    Deque<Instant> d = failures.computeIfPresent(key, (k, q) -> {
      while (!q.isEmpty() && q.peekFirst().isBefore(since)) {
        q.removeFirst();
      }
      return q.isEmpty() ? null : q;
    });
    return d == null ? 0 : d.size();
  }
}
