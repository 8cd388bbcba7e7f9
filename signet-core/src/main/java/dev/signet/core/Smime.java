package dev.signet.core;

import dev.signet.core.internal.MessageReader;
import dev.signet.core.internal.SmimeWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/**
 * The front door of the S/MIME engine: sign, encrypt and read messages, streaming in bounded
 * memory.
 *
 * <p>{@link #read} writes content as it goes, before the last signature or authentication tag has
 * been checked: callers stage the output and release it only when {@code read} returns (it throws
 * if the message was altered under encryption).
 */
public final class Smime {
  private final Clock clock;
  private final SecureRandom random;
  private final Limits limits;

  private Smime(Clock clock, SecureRandom random, Limits limits) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  public static Smime withDefaults() {
    return new Smime(Clock.systemUTC(), new SecureRandom(), Limits.DEFAULT);
  }

  public Smime withClock(Clock newClock) {
    return new Smime(newClock, random, limits);
  }

  public Smime withRandom(SecureRandom newRandom) {
    return new Smime(clock, newRandom, limits);
  }

  public Smime withLimits(Limits newLimits) {
    return new Smime(clock, random, newLimits);
  }

  /** Signs an RFC 5322 message (or bare content): its headers stay outside, its body entity is signed. */
  public void sign(InputStream message, SignOptions options, OutputStream out) throws IOException {
    new SmimeWriter(limits, clock, random).sign(message, options, out);
  }

  /** Encrypts an RFC 5322 message (or bare content) to every recipient. */
  public void encrypt(InputStream message, EncryptOptions options, OutputStream out) throws IOException {
    new SmimeWriter(limits, clock, random).encrypt(message, options, out);
  }

  /** Applies a compose plan: signs as planned, then encrypts the result as planned. */
  public void compose(InputStream message, ComposePlan plan, DigitalId sender, OutputStream out) throws IOException {
    if (!plan.sign()) {
      writeEncryptedOrPlain(message, plan, out);
      return;
    }
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    sign(message, plan.signOptions(sender), signed);
    writeEncryptedOrPlain(new ByteArrayInputStream(signed.toByteArray()), plan, out);
  }

  private void writeEncryptedOrPlain(InputStream message, ComposePlan plan, OutputStream out) throws IOException {
    if (plan.encrypt()) {
      encrypt(message, plan.encryptOptions(), out);
    } else {
      message.transferTo(out);
    }
  }

  /** Unwraps a message as far as {@code options} say, writing what is inside to {@code content}. */
  public SecurityReport read(InputStream message, ReadOptions options, OutputStream content) throws IOException {
    return new MessageReader(options, limits, clock, random).read(message, content);
  }
}
