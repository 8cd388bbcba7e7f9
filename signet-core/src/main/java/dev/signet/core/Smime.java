package dev.signet.core;

import dev.signet.core.internal.HeaderProtection;
import dev.signet.core.internal.MessageReader;
import dev.signet.core.internal.Pipe;
import dev.signet.core.internal.ReceiptVerifier;
import dev.signet.core.internal.ReceiptWriter;
import dev.signet.core.internal.SmimeWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

  /**
   * Signs an RFC 5322 message (or bare content): its headers stay outside, its body entity is signed.
   *
   * @return the receipt request as signed, when the options carry one: what the sender keeps to check receipts
   */
  public Optional<SignedReceiptRequest> sign(InputStream message, SignOptions options, OutputStream out)
      throws IOException {
    return new SmimeWriter(limits, clock, random).sign(message, options, out);
  }

  /** Encrypts an RFC 5322 message (or bare content) to every recipient. */
  public void encrypt(InputStream message, EncryptOptions options, OutputStream out) throws IOException {
    new SmimeWriter(limits, clock, random).encrypt(message, options, out);
  }

  /**
   * Applies a compose plan: signs as planned, then encrypts the result as planned. Bcc fields are
   * removed first: blind recipients are in the plan (and the SMTP envelope), never in the message.
   * The header fields are protected as RFC 9788 says: copied onto the innermost entity, marked
   * {@code hp="clear"} when signed only, {@code hp="cipher"} when encrypted, the outside then showing
   * what the plan's header confidentiality allows.
   *
   * @return the receipt request as signed, when the plan asks for one: what the sender keeps to check receipts
   */
  public Optional<SignedReceiptRequest> compose(InputStream message, ComposePlan plan, DigitalId sender,
      OutputStream out) throws IOException {
    InputStream withoutBcc = MessageHead.read(message, limits, h -> h.without("Bcc")).message();
    HeaderProtection protection = plan.encrypt() ? HeaderProtection.cipher(plan.confidentiality())
        : HeaderProtection.clear();
    if (!plan.sign()) {
      writeEncryptedOrPlain(withoutBcc, plan, protection, out);
      return Optional.empty();
    }
    SmimeWriter writer = new SmimeWriter(limits, clock, random);
    return Pipe.join(signed -> writer.sign(withoutBcc, plan.signOptions(sender), protection, signed),
        signed -> writeEncryptedOrPlain(signed, plan, HeaderProtection.NONE, out));
  }

  private void writeEncryptedOrPlain(InputStream message, ComposePlan plan, HeaderProtection protection,
      OutputStream out) throws IOException {
    if (plan.encrypt()) {
      new SmimeWriter(limits, clock, random).encrypt(message, plan.encryptOptions(), protection, out);
    } else {
      message.transferTo(out);
    }
  }

  /**
   * The userSMIMECertificate value for a directory: a signed, empty SignedData (DER) carrying the
   * signer's chain, {@code alsoCarried} (e.g. a separate encryption certificate) and our S/MIME capabilities.
   */
  public byte[] signedCertificates(SignOptions options, List<X509Certificate> alsoCarried) throws IOException {
    return new SmimeWriter(limits, clock, random).signedCertificates(options, alsoCarried);
  }

  /**
   * Triple wrapping (RFC 2634 section 1.1): the plan's signed and encrypted message, signed again
   * outside the encryption; the outer signature carries the plan's security label. Returns as {@link #compose}.
   *
   * @throws IllegalArgumentException when the plan does not both sign and encrypt
   */
  public Optional<SignedReceiptRequest> composeTripleWrapped(InputStream message, ComposePlan plan, DigitalId sender,
      OutputStream out) throws IOException {
    if (!plan.sign() || !plan.encrypt()) {
      throw new IllegalArgumentException("triple wrapping signs, encrypts and signs: the plan must sign and encrypt");
    }
    return Pipe.join(inner -> compose(message, plan, sender, inner),
        inner -> sign(inner, plan.outerSignOptions(sender), out));
  }

  /**
   * Writes a signed receipt (RFC 2634) answering {@code original}, signed as {@code options} say and
   * sent from {@code from} to the request's receiptsTo. The caller decides whether one is due.
   */
  public void signReceipt(SignedReceiptRequest original, SignOptions options, String from, OutputStream out)
      throws IOException {
    new ReceiptWriter(clock, random).write(original, options, from, out);
  }

  /** What a signed receipt says it answers, not yet checked: to find the request it claims to answer. */
  public Receipt receiptContent(InputStream receipt) throws IOException {
    return new ReceiptVerifier(ReadOptions.verify(List.of()), limits, clock.instant()).content(receipt);
  }

  /** Checks a signed receipt against the receipt request of the message it answers. */
  public ReceiptReport verifyReceipt(InputStream receipt, SignedReceiptRequest original, ReadOptions options)
      throws IOException {
    return new ReceiptVerifier(options, limits, clock.instant()).verify(receipt, original);
  }

  /** Unwraps a message as far as {@code options} say, writing what is inside to {@code content}. */
  public SecurityReport read(InputStream message, ReadOptions options, OutputStream content) throws IOException {
    return new MessageReader(options, limits, clock).read(message, content);
  }
}
