package dev.signet.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A clock a test moves on, to pass a time-out or an expiry without waiting for it: frozen at an
 * instant, or running with the real time; either moved forward by {@link #advance}. One that steps on
 * at every look stands for work that takes long. Always UTC.
 */
public final class TestClock extends Clock {
  private final Supplier<Instant> base;
  private final Duration eachLook;
  private volatile Duration ahead = Duration.ZERO;

  private TestClock(Supplier<Instant> base, Duration eachLook) {
    this.base = base;
    this.eachLook = eachLook;
  }

  /** Always {@code instant}, until moved. */
  public static TestClock frozenAt(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    return new TestClock(() -> instant, Duration.ZERO);
  }

  /** The real time, as far ahead of it as the test moved it. */
  public static TestClock realTime() {
    return new TestClock(Instant::now, Duration.ZERO);
  }

  /** {@code start}, moved on by {@code step} every time it is read: the first reading is {@code start + step}. */
  public static TestClock stepping(Instant start, Duration step) {
    Objects.requireNonNull(start, "start");
    return new TestClock(() -> start, step);
  }

  /** Moves the clock {@code d} forward. */
  public synchronized void advance(Duration d) {
    ahead = ahead.plus(d);
  }

  @Override
  public Instant instant() {
    if (!eachLook.isZero()) {
      advance(eachLook);
    }
    return base.get().plus(ahead);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
