package dev.signet.mail.transport;

import java.io.IOException;
import java.time.Instant;
import java.util.Set;

/** Where fetched messages go, one at a time, as the exact bytes the server holds. */
public interface FetchedMessages {

  /** Whether to download the message with this UID (false: already have it). */
  boolean wants(long uidValidity, long uid);

  /**
   * A UID at or below which nothing is wanted, so that the server is asked only about newer messages
   * rather than the whole folder; 0 (the default) asks about all of them.
   */
  default long newerThan(long uidValidity) {
    return 0;
  }

  String SEEN = "\\Seen";
  String FLAGGED = "\\Flagged";

  /** Takes one message and when the server received it (its INTERNALDATE); called in UID order. */
  void accept(long uidValidity, long uid, Instant received, byte[] raw) throws IOException;

  /** As {@link #accept(long, long, Instant, byte[])}, with its flags among {@link #SEEN} and {@link #FLAGGED}. */
  default void accept(long uidValidity, long uid, Instant received, byte[] raw, Set<String> flags) throws IOException {
    accept(uidValidity, uid, received, raw);
  }
}
