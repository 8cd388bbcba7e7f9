package dev.signet.server.web;

import dev.signet.core.DigitalId;
import dev.signet.core.Receipt;
import dev.signet.core.ReceiptReport;
import dev.signet.core.ReceiptRequest;
import dev.signet.core.SignOptions;
import dev.signet.core.SignedReceiptRequest;
import dev.signet.core.Smime;
import dev.signet.core.SmimeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Signed receipts (RFC 2634): the sender keeps what binds receipts to the signature it asked them
 * for; a recipient sends one receipt per message; the sender's Sent page lists who returned a valid one.
 */
final class Receipts {
  private final WebDatabase db;
  private final Mailboxes mailboxes;
  private final MailReader reader;
  private final Clock clock;
  private final SecureRandom random;

  Receipts(WebDatabase db, Mailboxes mailboxes, MailReader reader, Clock clock, SecureRandom random) {
    this.db = db;
    this.mailboxes = mailboxes;
    this.reader = reader;
    this.clock = clock;
    this.random = random;
  }

  boolean sent(String mailbox, String messageId) {
    return db.one("SELECT 1 FROM web_receipt_sent WHERE mailbox = ? AND message_id = ?", r -> 1, mailbox, messageId)
        .isPresent();
  }

  /** Signs the receipt with {@code signer} and delivers it from {@code me} to the request's receiptsTo, once per message. */
  void send(Mailboxes.Owner me, String messageId, SignedReceiptRequest original, DigitalId signer) throws IOException {
    String mailbox = me.address();
    if (sent(mailbox, messageId)) {
      return;
    }
    ByteArrayOutputStream receipt = new ByteArrayOutputStream();
    Smime.withDefaults().withClock(clock).withRandom(random).signReceipt(original, SignOptions.defaults(signer), mailbox,
        receipt);
    db.update("INSERT INTO web_receipt_sent (mailbox, message_id, sent_at) VALUES (?, ?, ?)", mailbox, messageId,
        clock.instant());
    mailboxes.deliver(me, original.request().receiptsTo(), receipt.toByteArray());
  }

  /** Who returned a valid signed receipt, among the messages of the sender's {@code inbox}, for the message sent with {@code original}. */
  List<String> returned(List<Mailboxes.Message> inbox, SignedReceiptRequest original) throws IOException {
    List<String> from = new ArrayList<>();
    for (Mailboxes.Message m : inbox) {
      if (!looksLikeReceipt(m.raw())) {
        continue;
      }
      try {
        ReceiptReport report = Smime.withDefaults().withClock(clock).verifyReceipt(new ByteArrayInputStream(m.raw()),
            original, reader.options(List.of()));
        if (report.valid()) {
          report.signers().forEach(s -> s.email().filter(e -> !from.contains(e)).ifPresent(from::add));
        }
      } catch (SmimeException e) {
        // not a receipt for this message: another one's, or malformed; it simply does not count
      }
    }
    return from;
  }

  /** Which sent message a signed receipt confirms: its subject and when it was sent, or none of the Sent records. */
  record Confirmation(Optional<String> subject, Optional<Instant> sent) {}

  /** For a signed receipt in {@code me}'s mailbox, the sent message it says it confirms; empty for any other message. */
  Optional<Confirmation> confirms(String me, byte[] raw) throws IOException {
    if (!looksLikeReceipt(raw)) {
      return Optional.empty();
    }
    Receipt receipt;
    try {
      receipt = Smime.withDefaults().receiptContent(new ByteArrayInputStream(raw));
    } catch (SmimeException e) { // signed-receipt named, none inside: not a receipt to speak of
      return Optional.empty();
    }
    return Optional.of(db.one("SELECT subject, sent_at FROM web_sent WHERE sender = ? AND receipt_content_id = ?"
        + " ORDER BY id DESC", r -> new Confirmation(Optional.of(r.getString(1)), Optional.of(r.getTimestamp(2)
        .toInstant())), me, receipt.contentIdentifier()).orElse(new Confirmation(Optional.empty(), Optional.empty())));
  }

  private static boolean looksLikeReceipt(byte[] raw) {
    int head = Math.min(raw.length, 8192);
    return new String(raw, 0, head, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).contains("signed-receipt");
  }

  /** The request as stored with a sent message: always from everyone, to the sender. */
  static SignedReceiptRequest stored(String sender, String contentId, String contentType, byte[] signature,
      byte[] msgSigDigest) {
    return new SignedReceiptRequest(new ReceiptRequest(contentId, ReceiptRequest.From.all(), List.of(sender)),
        contentType, signature, msgSigDigest);
  }
}
