package dev.signet.server.web;

import dev.signet.mail.StoreFiles;
import java.time.Clock;
import java.util.Optional;

/**
 * One person's digital-ID store in the database (web_id_file), so that every node of the service reads
 * and writes the same: the bytes IdStore would put in its folder, private keys sealed as in the files.
 */
final class WebIdFiles implements StoreFiles {
  private final WebDatabase db;
  private final String email;
  private final Clock clock;

  WebIdFiles(WebDatabase db, String email, Clock clock) {
    this.db = db;
    this.email = Accounts.normalize(email);
    this.clock = clock;
  }

  @Override
  public Optional<byte[]> read(String name) {
    return db.one("SELECT content FROM web_id_file WHERE email = ? AND name = ?", r -> r.getBytes(1), email, name);
  }

  @Override
  public void write(String name, byte[] content) {
    db.inTransaction(c -> {
      WebDatabase.update(c, "DELETE FROM web_id_file WHERE email = ? AND name = ?", email, name);
      return WebDatabase.update(c, "INSERT INTO web_id_file (email, name, content, written_at) VALUES (?, ?, ?, ?)",
          email, name, content, clock.instant());
    });
  }

  @Override
  public void delete(String name) {
    db.update("DELETE FROM web_id_file WHERE email = ? AND name = ?", email, name);
  }

  @Override
  public String describe(String name) {
    return name + " in the digital-ID store of " + email;
  }
}
