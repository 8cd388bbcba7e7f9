package dev.signet.server.web;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The port the web UI reads and sends mail through: a person's mailbox as raw messages, and
 * delivery of a composed message. The messages are never rebuilt: signatures cover their bytes.
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

  /** The messages of {@code address}'s mailbox, newest first. */
  List<Message> list(String address);

  /** One message of {@code address}'s mailbox; empty when that mailbox holds no such message. */
  Optional<Message> fetch(String address, String id);

  /** Delivers {@code message} (RFC 5322 bytes, unchanged) from {@code from} to each recipient's mailbox. */
  void deliver(String from, List<String> recipients, byte[] message);
}
