package dev.signet.server.acme;

import dev.signet.core.EmailAddress;
import dev.signet.core.Limits;
import dev.signet.core.MessageHead;
import dev.signet.mail.acme.ChallengeMessage;
import dev.signet.pki.AcmeRecords;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
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

  private EmailReply() {}

  /** The challenge message for {@code order} (RFC 8823 3.1), dated by {@code clock} as core dates a message. */
  static byte[] challenge(AcmeRecords.Order order, String from, Clock clock, SecureRandom random) {
    String message = "Auto-Submitted: auto-generated; type=acme\r\n"
        + "From: " + from + "\r\nTo: " + order.email() + "\r\nSubject: ACME: " + order.tokenPart1() + "\r\n"
        + "Message-ID: <acme-" + order.id() + "@" + EmailAddress.domainOf(from).orElseThrow() + ">\r\n"
        + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        + "This is an automatic ACME challenge for " + order.email() + ": a client asked the CA for an S/MIME\r\n"
        + "certificate for this address. If that was not you, ignore this message.\r\n";
    try {
      return MessageHead.read(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)), Limits.DEFAULT)
          .completed(clock.instant(), clock.getZone(), random).message().readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a message of our own, in memory
    }
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

  /** Whether {@code message} is the reply: From the order's address (one address), its subject, the digest. */
  private static boolean isReply(String message, AcmeRecords.Order order, String expected) {
    String normalized = message.replace("\r\n", "\n");
    int blank = normalized.indexOf("\n\n");
    if (blank < 0) {
      return false;
    }
    try {
      InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
      InternetAddress[] from = InternetAddress.parseHeader(header(headers, "From"), true);
      Matcher response = RESPONSE.matcher(normalized.substring(blank + 2));
      return from.length == 1 && from[0].getAddress().equalsIgnoreCase(order.email())
          && header(headers, "Subject").endsWith("ACME: " + order.tokenPart1())
          && response.find() && response.group(1).equals(expected);
    } catch (MessagingException e) {
      return false; // no header block, or a From that is no address
    }
  }

  private static String header(InternetHeaders headers, String name) {
    String value = headers.getHeader(name, null);
    return value == null ? "" : MimeUtility.unfold(value).strip();
  }
}
