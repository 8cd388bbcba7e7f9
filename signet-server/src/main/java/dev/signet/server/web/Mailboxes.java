package dev.signet.server.web;

import dev.signet.mail.transport.Login;
import dev.signet.mail.transport.MailServer;
import dev.signet.mail.transport.MailTransport;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The port the web UI reads and sends mail through: a person's mailbox as raw messages, and
 * delivery of a composed message. The messages are never rebuilt: signatures cover their bytes.
 * The service's own mail store opens a mailbox by its address; the organisation's mail servers
 * want the owner's login, which the web UI keeps with the session.
 */
public interface Mailboxes {

  /** One message in a mailbox, as it arrived. */
  record Message(String id, Instant received, byte[] raw) {
    public Message {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(received, "received");
      raw = raw.clone();
    }

    @Override
    public byte[] raw() {
      return raw.clone();
    }
  }

  /**
   * The organisation's own mail servers: each person's {@code imap} folder read and mail sent through
   * {@code smtp}, logged in as the person; the IMAP server checks their password at sign-in.
   */
  static Mailboxes atMailServers(MailTransport transport, MailServer smtp, MailServer imap) {
    return new ExternalMailboxes(transport, smtp, imap);
  }

  /** Whose mailbox: the address, and the owner's mail login where the mail server checks one. */
  record Owner(String address, Optional<Login> login) {
    public Owner {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(login, "login");
    }

    /** The mailbox of {@code address} where the service itself keeps the mail and needs no login. */
    public static Owner of(String address) {
      return new Owner(address, Optional.empty());
    }
  }

  /** The messages of {@code owner}'s mailbox, newest first. */
  List<Message> list(Owner owner);

  /** Some of a mailbox's messages, newest first, and how many it holds in all. */
  record Page(List<Message> messages, int total) {
    public Page {
      messages = List.copyOf(messages);
    }
  }

  /**
   * The messages of {@code owner}'s mailbox after its {@code skip} newest, at most {@code limit}, newest
   * first. A mail server is asked for those only; this default reads the whole list.
   */
  default Page page(Owner owner, int skip, int limit) {
    List<Message> all = list(owner);
    return new Page(all.subList(Math.min(skip, all.size()), Math.min(skip + limit, all.size())), all.size());
  }

  /** One message of {@code owner}'s mailbox; empty when that mailbox holds no such message. */
  Optional<Message> fetch(Owner owner, String id);

  /** Delivers {@code message} (RFC 5322 bytes, unchanged) from {@code from} to each recipient's mailbox. */
  void deliver(Owner from, List<String> recipients, byte[] message);

  /** As {@link #list(Owner)}, for a mailbox the service keeps itself. */
  default List<Message> list(String address) {
    return list(Owner.of(address));
  }

  /** As {@link #deliver(Owner, List, byte[])}, for mail the service delivers itself. */
  default void deliver(String from, List<String> recipients, byte[] message) {
    deliver(Owner.of(from), recipients, message);
  }

  /**
   * Whether the mail server, not the web UI's accounts, decides a person's password: then sign-in
   * asks {@link #accepts} and the session keeps the password to open the mailbox with.
   */
  default boolean checksPasswords() {
    return false;
  }

  /** Whether the mail server accepts {@code login}; only where it {@link #checksPasswords() checks passwords}. */
  default boolean accepts(Login login) {
    throw new UnsupportedOperationException("the service's own accounts check passwords here");
  }
}
