package dev.signet.server.web;

import dev.signet.core.ContentCipher;
import dev.signet.core.DigitalId;
import dev.signet.core.EncryptOptions;
import dev.signet.core.FailureKind;
import dev.signet.core.ProblemCode;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.Smime;
import dev.signet.core.SmimeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.james.mime4j.dom.Message;

/**
 * A person's kept drafts, each sealed to their own encryption certificate (CMS AuthEnvelopedData,
 * AES-256-GCM) before it reaches the database: its fields, switches and attachments are never stored
 * in clear, and only the person's unlocked keys open it again. The row holds the owner, when it was
 * saved and the sealed bytes, nothing else.
 */
final class Drafts {
  /** A kept draft as listed: its id (random), when it was saved, and what it holds when the person's keys open it. */
  record Kept(String id, Instant saved, Optional<Draft> draft) {}

  private final WebDatabase db;
  private final Clock clock;
  private final SecureRandom random;

  Drafts(WebDatabase db, Clock clock, SecureRandom random) {
    this.db = db;
    this.clock = clock;
    this.random = random;
  }

  /** Seals {@code draft} to {@code own} and keeps it, replacing the owner's draft {@code replacing}; returns its id. */
  String save(String owner, Optional<String> replacing, Draft draft, X509Certificate own) throws IOException {
    byte[] sealed = seal(draft, owner, own);
    Instant now = clock.instant();
    long fresh = random.nextLong() >>> 11; // 53 random bits: unguessable, and at most 16 digits
    return db.inTransaction(c -> {
      if (replacing.isPresent() && WebDatabase.update(c, "UPDATE web_draft SET saved_at = ?, sealed = ? WHERE owner = ?"
          + " AND id = ?", now, sealed, owner, number(replacing.get())) == 1) {
        return replacing.get();
      }
      WebDatabase.update(c, "INSERT INTO web_draft (id, owner, saved_at, sealed) VALUES (?, ?, ?, ?)", fresh, owner, now,
          sealed);
      return Long.toString(fresh);
    });
  }

  /** The owner's draft {@code id}: refused when there is none; empty when {@code keys} do not open it. */
  Optional<Draft> open(String owner, String id, Collection<DigitalId> keys) throws IOException {
    byte[] sealed = db.one("SELECT sealed FROM web_draft WHERE owner = ? AND id = ?", r -> r.getBytes(1), owner,
        number(id)).orElseThrow(() -> new WebRefusal(FailureKind.NOT_FOUND, "There is no such draft."));
    return unseal(sealed, owner, keys);
  }

  /** The owner's drafts, newest first, each opened with {@code keys} when they can. */
  List<Kept> list(String owner, Collection<DigitalId> keys) throws IOException {
    record Row(long id, Instant saved, byte[] sealed) {}
    List<Row> rows = db.query("SELECT id, saved_at, sealed FROM web_draft WHERE owner = ? ORDER BY saved_at DESC, id DESC",
        r -> new Row(r.getLong(1), WebDatabase.instant(r, 2), r.getBytes(3)), owner);
    List<Kept> kept = new ArrayList<>();
    for (Row r : rows) {
      kept.add(new Kept(Long.toString(r.id()), r.saved(), keys.isEmpty() ? Optional.empty()
          : unseal(r.sealed(), owner, keys)));
    }
    return kept;
  }

  void delete(String owner, String id) {
    db.update("DELETE FROM web_draft WHERE owner = ? AND id = ?", owner, number(id));
  }

  /**
   * The draft's message, inside a message/rfc822 entity so that none of its header fields stays
   * outside the envelope (Smime keeps an RFC 5322 message's outer fields in clear).
   */
  private byte[] seal(Draft draft, String owner, X509Certificate own) throws IOException {
    ByteArrayOutputStream inner = new ByteArrayOutputStream();
    inner.writeBytes(("From: " + owner + "\r\nContent-Type: message/rfc822\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    inner.writeBytes(draft.kept(clock.instant(), random));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Smime.withDefaults().withClock(clock).withRandom(random).encrypt(new ByteArrayInputStream(inner.toByteArray()),
        EncryptOptions.defaults(List.of(own)).withCipher(ContentCipher.AES_256_GCM), out);
    return out.toByteArray();
  }

  private Optional<Draft> unseal(byte[] sealed, String owner, Collection<DigitalId> keys) throws IOException {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    try {
      SecurityReport report = Smime.withDefaults().withClock(clock).read(new ByteArrayInputStream(sealed),
          ReadOptions.decrypt(List.copyOf(keys)), plain);
      if (!report.encrypted() || report.has(ProblemCode.NO_DECRYPTION_KEY)) {
        return Optional.empty();
      }
    } catch (SmimeException e) {
      return Optional.empty();
    }
    Message outer = MailReader.parse(new ByteArrayInputStream(plain.toByteArray()));
    if (!(outer.getBody() instanceof Message m)) {
      return Optional.empty();
    }
    MailReader.Content content = MailReader.content(m);
    return Optional.of(new Draft(owner, MailReader.field(m, "To"), MailReader.field(m, "Cc"), MailReader.field(m, "Bcc"),
        Optional.ofNullable(m.getSubject()).orElse(""), content.text().replace("\r\n", "\n"),
        Draft.Choices.decoded(MailReader.field(m, Draft.CHOICES_FIELD)), false,
        content.attachments(), new Draft.Conversation(MailReader.field(m, "In-Reply-To"), MailReader.field(m, "References"))));
  }

  private static long number(String id) {
    if (!id.matches("[0-9]{1,18}")) {
      throw new WebRefusal(FailureKind.NOT_FOUND, "There is no such draft.");
    }
    return Long.parseLong(id);
  }
}
