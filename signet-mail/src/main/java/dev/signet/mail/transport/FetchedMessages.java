package dev.signet.mail.transport;

import java.io.IOException;

/** Where fetched messages go, one at a time, as the exact bytes the server holds. */
public interface FetchedMessages {

  /** Whether to download the message with this UID (false: already have it). */
  boolean wants(long uidValidity, long uid);

  /** Takes one message; called in UID order. */
  void accept(long uidValidity, long uid, byte[] raw) throws IOException;
}
