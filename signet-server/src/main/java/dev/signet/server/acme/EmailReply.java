package dev.signet.server.acme;

import dev.signet.mail.acme.ChallengeMessage;
import dev.signet.pki.AcmeRecords;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The email-reply-00 challenge of RFC 8823: the CA mails token-part1 in the subject; the person's
 * client replies with the SHA-256 of the key authorization between ACME RESPONSE markers.
 */
final class EmailReply {
  static final String TYPE = "email-reply-00";
  private static final Pattern RESPONSE = Pattern.compile(
      "-----BEGIN ACME RESPONSE-----\\s*([A-Za-z0-9_-]+)\\s*-----END ACME RESPONSE-----");
  private static final Pattern ADDRESS = Pattern.compile("<([^>]+)>");

  private EmailReply() {}

  /** The challenge message for {@code order} (RFC 8823 3.1). */
  static byte[] challenge(AcmeRecords.Order order, String from) {
    String message = "Auto-Submitted: auto-generated; type=acme\r\n"
        + "From: " + from + "\r\nTo: " + order.email() + "\r\nSubject: ACME: " + order.tokenPart1() + "\r\n"
        + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()) + "\r\n"
        + "Message-ID: <acme-" + order.id() + "@" + from.substring(from.indexOf('@') + 1) + ">\r\n"
        + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        + "This is an automatic ACME challenge for " + order.email() + ": a client asked the CA for an S/MIME\r\n"
        + "certificate for this address. If that was not you, ignore this message.\r\n";
    return message.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The reply among {@code replies} that answers the challenge of {@code order} correctly: sent by the
   * order's mailbox as the mail system authenticated it, and saying so in its From field.
   */
  static Optional<ChallengeMail.Reply> answer(List<ChallengeMail.Reply> replies, AcmeRecords.Order order,
      String accountThumbprint) {
    String expected = ChallengeMessage.response(order.tokenPart1(), order.tokenPart2(), accountThumbprint);
    return replies.stream().filter(r -> r.sender().equalsIgnoreCase(order.email())
        && isReply(r.message(), order, expected)).findFirst();
  }

  private static boolean isReply(String message, AcmeRecords.Order order, String expected) {
    String normalized = message.replace("\r\n", "\n");
    int blank = normalized.indexOf("\n\n");
    if (blank < 0) {
      return false;
    }
    String headers = normalized.substring(0, blank).replaceAll("\n[ \t]+", " ");
    String from = header(headers, "From");
    Matcher bracketed = ADDRESS.matcher(from);
    String address = (bracketed.find() ? bracketed.group(1) : from).strip();
    Matcher response = RESPONSE.matcher(normalized.substring(blank + 2));
    return address.equalsIgnoreCase(order.email()) && header(headers, "Subject").endsWith("ACME: " + order.tokenPart1())
        && response.find() && response.group(1).equals(expected);
  }

  private static String header(String headers, String name) {
    String prefix = name.toLowerCase(Locale.ROOT) + ":";
    return headers.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith(prefix))
        .map(l -> l.substring(prefix.length()).strip()).findFirst().orElse("");
  }
}
