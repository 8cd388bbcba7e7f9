package dev.signet.mail.transport;

import java.io.IOException;
import java.time.Instant;

/** Where fetched messages go, one at a time, as the exact bytes the server holds. */
public interface FetchedMessages {

  /** Whether to download the message with this UID (false: already have it). */
  boolean wants(long uidValidity, long uid);

  /** Takes one message and when the server received it (its INTERNALDATE); called in UID order. */
  void accept(long uidValidity, long uid, Instant received, byte[] raw) throws IOException;
}
