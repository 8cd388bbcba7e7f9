package dev.signet.mail;

import dev.signet.core.ComposePlan;
import dev.signet.core.ComposePolicy;
import dev.signet.core.ComposeRequest;
import dev.signet.core.DigitalId;
import dev.signet.core.Limits;
import dev.signet.core.MessageHead;
import dev.signet.core.Policy;
import dev.signet.core.PolicySetting;
import dev.signet.core.PolicyViolationException;
import dev.signet.core.ProblemCode;
import dev.signet.core.SecurityReport;
import dev.signet.core.SignedReceiptRequest;
import dev.signet.core.Smime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The person's side of Signet, once: who sends, where recipients' certificates come from, what the
 * organisation's policy makes of a new message, which keys open a message, whether its content is
 * shown and whether a signed receipt goes back. The command line and the web call this for every
 * such decision and hold none of their own.
 */
public final class Correspondent {
  private final IdStore ids;
  private final Policy policy;
  private final RecipientLookup lookup;
  private final Clock clock;
  private final Smime smime;
  private final SecureRandom random = new SecureRandom();

  private Correspondent(IdStore ids, Policy policy, RecipientLookup lookup, Clock clock, Smime smime) {
    this.ids = Objects.requireNonNull(ids, "ids");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.lookup = Objects.requireNonNull(lookup, "lookup");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.smime = Objects.requireNonNull(smime, "smime");
  }

  /** A person with their digital-ID store, under the organisation's policy; recipients only as given. */
  public static Correspondent of(IdStore ids, Policy policy) {
    return new Correspondent(ids, policy, new RecipientLookup(List.of(), RecipientLookup.Trust.none()),
        Clock.systemDefaultZone(), Smime.withDefaults());
  }

  public Correspondent withRecipientLookup(RecipientLookup newLookup) {
    return new Correspondent(ids, policy, newLookup, clock, smime);
  }

  public Correspondent withClock(Clock newClock) {
    return new Correspondent(ids, policy, lookup, newClock, smime.withClock(newClock));
  }

  public Correspondent withEngine(Smime engine) {
    return new Correspondent(ids, policy, lookup, clock, engine);
  }

  public Policy policy() {
    return policy;
  }

  // ---- sending

  /** The sender of a digital ID given directly, refused unless it is valid now. */
  public Sender sender(DigitalId given) throws StoreException {
    return Senders.of(given, clock.instant());
  }

  /**
   * The sender a profile names (else the store's default profile, else the newest signing ID valid now for
   * {@code address}), refused when an ID it needs is not valid now.
   */
  public Sender sender(Optional<String> profile, Optional<String> address, Unlocking unlocking) throws IOException {
    return new Senders(ids).choose(profile, address, unlocking, clock.instant());
  }

  /**
   * Whether a message with these choices is signed or encrypted at all, so needs the sender's digital ID:
   * the person asked for it, or the policy forces a signature, encryption, a label or a receipt request.
   */
  public boolean protects(SendChoices choices) {
    return choices.sign() || choices.encrypt() || choices.ess().receipt() || choices.ess().label().isPresent()
        || policy.effective(PolicySetting.ALWAYS_SIGN) == 1 || policy.effective(PolicySetting.ALWAYS_ENCRYPT) == 1
        || policy.effective(PolicySetting.FORCE_SECURITY_LABEL) == 1 || policy.isSet(PolicySetting.FORCE_SECURITY_LABEL_X)
        || policy.effective(PolicySetting.REQUEST_SECURE_RECEIPT) == 1;
  }

  /**
   * The recipients of a message's header block (To, Cc and Bcc), each with the certificate given for it,
   * else the one the lookup finds, and where it came from or why none was taken.
   */
  public List<RecipientLookup.Found> recipients(byte[] head, List<X509Certificate> given) throws IOException {
    return lookup.complete(ComposeRequest.recipientsOf(head, given), clock.instant());
  }

  /** The addresses the recipient lookup knows that begin with {@code typed}, each with its certificate mark. */
  public List<RecipientLookup.Found> suggestions(String typed, int max) {
    return lookup.suggest(typed, max, clock.instant());
  }

  /** Each address as sending would find its certificate, with the mark the person sees before sending. */
  public List<RecipientLookup.Found> check(List<String> addresses) {
    return lookup.complete(addresses.stream().map(a -> ComposeRequest.Recipient.matching(a, List.of())).toList(),
        clock.instant());
  }

  /**
   * How the policy fixes a compose switch, if it does: a setting that may only force its switch on
   * (AlwaysSign, AlwaysEncrypt, RequestSecureReceipt) locks it when it is 1; ClearSign, when present,
   * fixes the format either way.
   */
  public Optional<SwitchLock> lock(PolicySetting setting) {
    int value = policy.effective(setting);
    boolean eitherWay = setting == PolicySetting.CLEAR_SIGN;
    if (!policy.isSet(setting) || (!eitherWay && value != 1)) {
      return Optional.empty();
    }
    return Optional.of(new SwitchLock(setting, value));
  }

  /**
   * What the organisation's policy makes of the person's choices for these recipients.
   *
   * @throws dev.signet.core.PolicyViolationException when a setting forbids the send, naming what it refused
   */
  public Outgoing plan(List<RecipientLookup.Found> recipients, SendChoices choices, Sender sender) {
    ComposeRequest request = new ComposeRequest(choices.sign(), choices.encrypt(), choices.opaque(),
        choices.continueEncryption(), sender.id(), sender.settings(),
        recipients.stream().map(RecipientLookup.Found::recipient).toList(), clock.instant()).withEss(choices.ess());
    return new Outgoing(ComposePolicy.plan(request, policy), recipients);
  }

  /**
   * What the policy makes of signing alone (the sign verb): format, hash, receipt request and label as
   * for any new message.
   *
   * @throws PolicyViolationException when the policy encrypts every message, which signing alone cannot do
   */
  public ComposePlan signature(SendChoices choices, Sender sender) {
    ComposePlan plan = plan(List.of(), new SendChoices(true, false, choices.opaque(), false, choices.ess()), sender)
        .plan();
    if (plan.encrypt()) {
      throw new PolicyViolationException(PolicySetting.ALWAYS_ENCRYPT, List.of(),
          "every message is encrypted: signing alone cannot make one (compose signs and encrypts)");
    }
    return plan;
  }

  /** The header block with the Date and Message-ID that RFC 5322 asks for, added when the person's lacks them. */
  public MessageHead completed(MessageHead head) {
    return head.completed(clock.instant(), clock.getZone(), random);
  }

  /**
   * Writes the message as planned; {@code tripleWrap} signs, encrypts and signs again (RFC 2634).
   *
   * @return the receipt request as signed, which the sender keeps to check receipts against
   */
  public Optional<SignedReceiptRequest> write(MessageHead message, Outgoing outgoing, Sender sender,
      boolean tripleWrap, OutputStream out) throws IOException {
    return tripleWrap ? smime.composeTripleWrapped(message.message(), outgoing.plan(), sender.id(), out)
        : smime.compose(message.message(), outgoing.plan(), sender.id(), out);
  }

  /**
   * Writes {@code message} as the copies {@code outgoing} goes out as, each of {@code blind} (its Bcc
   * recipients) getting one of their own; held in memory, as a submission needs each whole.
   */
  public Copies writeCopies(byte[] message, Outgoing outgoing, Collection<String> blind, Sender sender,
      boolean tripleWrap) throws IOException {
    List<Copies.Copy> copies = new ArrayList<>();
    Optional<SignedReceiptRequest> receipt = Optional.empty();
    for (Outgoing copy : outgoing.copies(blind)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Optional<SignedReceiptRequest> signed = write(MessageHead.read(new ByteArrayInputStream(message),
          Limits.DEFAULT), copy, sender, tripleWrap, out);
      receipt = receipt.or(() -> signed);
      copies.add(new Copies.Copy(copy.addresses(), out.toByteArray()));
    }
    return new Copies(copies, receipt);
  }

  // ---- reading

  /**
   * Every stored ID that decrypts, expired ones included (the key history old mail needs), each opened
   * only if a message turns out to be encrypted to it.
   */
  public List<DigitalId> decryptionKeys(Unlocking unlocking) throws IOException {
    List<DigitalId> keys = new ArrayList<>();
    for (StoredId stored : ids.list()) {
      if (stored.purpose().encrypts()) {
        keys.add(DigitalId.locked(List.of(stored.certificate()), () -> open(unlocking, stored).privateKey()));
      }
    }
    return keys;
  }

  private static DigitalId open(Unlocking unlocking, StoredId stored) {
    try {
      return unlocking.open(stored);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the content of a message read is shown at once; {@code quieted}: problems the person asked not to be warned of again. */
  public ContentRelease release(SecurityReport report, Set<ProblemCode> quieted) {
    return ContentRelease.decide(report, policy, quieted);
  }

  /**
   * The answer of {@code kind} to a message read with {@code report}: signed when it was signed, encrypted
   * when it was (or could not be opened, being encrypted); the policy's locks apply when it is planned.
   */
  public Reply reply(Reply.Kind kind, Reply.Original original, SecurityReport report, List<String> readerAddresses) {
    return Reply.of(kind, original, report.signed(), report.arrivedEncrypted(),
        readerAddresses);
  }

  /**
   * The answer to a signed-receipt request, for a reader holding {@code readerAddresses}.
   *
   * @param declined the person chose not to send one (honoured unless the policy forces receipts)
   */
  public ReceiptAnswer receipt(SecurityReport report, List<String> readerAddresses, boolean declined) {
    return ReceiptAnswer.decide(report, readerAddresses, declined, policy);
  }
}
