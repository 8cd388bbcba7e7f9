package dev.signet.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A new message answering one that was read: its recipients, subject, threading fields, the original
 * quoted, and whether it is signed and encrypted before the policy has its say (as the original was).
 *
 * @param inReplyTo the original's Message-ID, "" for a forward or when it had none
 * @param references the thread's Message-IDs, oldest first, the original's last
 */
public record Reply(List<String> to, List<String> cc, String subject, String inReplyTo, String references,
    String body, boolean sign, boolean encrypt) {

  public Reply {
    to = List.copyOf(to);
    cc = List.copyOf(cc);
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(inReplyTo, "inReplyTo");
    Objects.requireNonNull(references, "references");
    Objects.requireNonNull(body, "body");
  }

  /** How a message is answered. */
  public enum Kind {
    REPLY, REPLY_ALL, FORWARD
  }

  /** The message answered as read: its header fields (RFC 2047 words decoded, "" when absent) and its text. */
  public record Original(String from, String replyTo, String to, String cc, String subject, String date,
      String messageId, String references, String text) {
    public Original {
      for (String f : List.of(from, replyTo, to, cc, subject, date, messageId, references, text)) {
        Objects.requireNonNull(f, "field");
      }
    }
  }

  /**
   * The answer of {@code kind} to {@code original}, for a reader holding {@code readerAddresses}: reply
   * goes to Reply-To else From; reply all also to the original's To and Cc but the reader; a forward to no one.
   */
  static Reply of(Kind kind, Original original, boolean wasSigned, boolean wasEncrypted, List<String> readerAddresses) {
    Set<String> me = new LinkedHashSet<>();
    readerAddresses.forEach(a -> me.add(a.toLowerCase(Locale.ROOT)));
    List<String> to = kind == Kind.FORWARD ? List.of()
        : without(addresses(original.replyTo().isBlank() ? original.from() : original.replyTo()), me, List.of());
    List<String> cc = kind == Kind.REPLY_ALL
        ? without(addresses(original.to() + "," + original.cc()), me, to) : List.of();
    String id = original.messageId().strip();
    String references = (original.references().strip() + " " + id).strip();
    if (kind == Kind.FORWARD) {
      return new Reply(to, cc, prefixed("Fwd: ", original.subject(), "fwd:", "fw:"), "", references,
          forwarded(original), wasSigned, wasEncrypted);
    }
    return new Reply(to, cc, prefixed("Re: ", original.subject(), "re:"), id, references, quoted(original),
        wasSigned, wasEncrypted);
  }

  private static String prefixed(String prefix, String subject, String... already) {
    String s = subject.strip();
    for (String a : already) {
      if (s.toLowerCase(Locale.ROOT).startsWith(a)) {
        return s;
      }
    }
    return prefix + s;
  }

  private static String quoted(Original o) {
    StringBuilder b = new StringBuilder("\n\nOn ").append(o.date()).append(", ").append(o.from()).append(" wrote:\n");
    for (String line : o.text().replace("\r\n", "\n").split("\n", -1)) {
      b.append(line.startsWith(">") ? ">" : "> ").append(line).append('\n');
    }
    return b.toString();
  }

  private static String forwarded(Original o) {
    return "\n\n-------- Forwarded message --------\nSubject: " + o.subject() + "\nDate: " + o.date() + "\nFrom: "
        + o.from() + "\nTo: " + o.to() + (o.cc().isBlank() ? "" : "\nCc: " + o.cc()) + "\n\n" + o.text();
  }

  /** The bare addresses of an address list; what does not parse as one is left out. */
  private static List<String> addresses(String list) {
    List<String> out = new ArrayList<>();
    try {
      for (InternetAddress a : InternetAddress.parseHeader(list, false)) {
        if (a.getAddress() != null && a.getAddress().contains("@")) {
          out.add(a.getAddress().toLowerCase(Locale.ROOT));
        }
      }
    } catch (AddressException e) {
      return List.of(); // an unreadable list: the person fills in the recipients
    }
    return out;
  }

  private static List<String> without(List<String> addresses, Set<String> me, List<String> already) {
    return addresses.stream().distinct().filter(a -> !me.contains(a) && !already.contains(a)).toList();
  }
}
