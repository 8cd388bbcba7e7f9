package dev.signet.server.acme;

import dev.signet.core.EmailAddress;
import java.time.Instant;
import java.util.List;

/**
 * The organisation's mail as the ACME server uses it: it sends challenges from its address and reads
 * the replies. RFC 8823 (section 3) counts a reply only if its sender is authenticated, by an S/MIME
 * signature or DKIM; here the mail system itself vouches, naming the mailbox that submitted each reply.
 * The embedded mail server can (a person sends only as the address they logged in as); the
 * organisation's own servers could not without checking DKIM or S/MIME, so ACME is served only with the
 * embedded mail server.
 */
public interface ChallengeMail {

  /** The address challenges come from and replies go to. */
  String address();

  /** Whether {@code email} is at the organisation's domain, the only mailboxes its CA validates. */
  default boolean serves(String email) {
    String domain = EmailAddress.domainOf(address()).orElseThrow();
    return EmailAddress.parse(email).filter(e -> e.isAt(domain)).isPresent();
  }

  void send(String to, byte[] message);

  /**
   * A message at {@link #address()}: its id there, when it arrived, the mailbox the mail system
   * authenticated as its submitter, and its text.
   */
  record Reply(long id, Instant received, String sender, String message) {}

  /** The messages at {@link #address()} whose submitter the mail system authenticated; the others are removed. */
  List<Reply> replies();

  /** Removes a reply that has done its work, or can no longer do any. */
  void discard(long id);
}
