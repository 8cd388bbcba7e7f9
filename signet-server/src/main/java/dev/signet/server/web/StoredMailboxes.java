package dev.signet.server.web;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Mailboxes kept in the service's database: what the web UI uses until IMAP and SMTP are connected. */
final class StoredMailboxes implements Mailboxes {
  private static final long MAX_MESSAGE_BYTES = 25L << 20;

  private final WebDatabase db;
  private final Clock clock;

  StoredMailboxes(WebDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public List<Message> list(Owner owner) {
    return db.query("SELECT id, received_at, raw FROM web_message WHERE mailbox = ? ORDER BY id DESC",
        StoredMailboxes::message, Accounts.normalize(owner.address()));
  }

  @Override
  public Page page(Owner owner, int skip, int limit) {
    String mailbox = Accounts.normalize(owner.address());
    int total = db.one("SELECT COUNT(*) FROM web_message WHERE mailbox = ?", r -> r.getInt(1), mailbox).orElse(0);
    return new Page(db.query("SELECT id, received_at, raw FROM web_message WHERE mailbox = ? ORDER BY id DESC"
        + " LIMIT ? OFFSET ?", StoredMailboxes::message, mailbox, limit, skip), total);
  }

  @Override
  public Optional<Message> fetch(Owner owner, String id) {
    if (!id.matches("[0-9]{1,18}")) {
      return Optional.empty();
    }
    return db.one("SELECT id, received_at, raw FROM web_message WHERE mailbox = ? AND id = ?",
        StoredMailboxes::message, Accounts.normalize(owner.address()), Long.parseLong(id));
  }

  private static Message message(ResultSet r) throws SQLException {
    return new Message(Long.toString(r.getLong(1)), WebDatabase.instant(r, 2), r.getBytes(3));
  }

  @Override
  public void deliver(Owner from, List<String> recipients, byte[] message) {
    if (message.length > MAX_MESSAGE_BYTES) {
      throw new IllegalArgumentException("a message is at most " + (MAX_MESSAGE_BYTES >> 20) + " MiB");
    }
    db.inTransaction(c -> {
      for (String to : recipients) {
        WebDatabase.update(c, "INSERT INTO web_message (mailbox, received_at, raw) VALUES (?, ?, ?)",
            Accounts.normalize(to), clock.instant(), message);
      }
      return null;
    });
  }
}
