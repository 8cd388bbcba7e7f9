package dev.signet.mail.acme;

import dev.signet.core.EmailAddress;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The CA's email-reply-00 challenge mail (RFC 8823 3.1) as it arrived in the person's mailbox: from the
 * challenge's address, marked auto-generated for ACME, token-part1 in its subject.
 */
public record ChallengeMessage(String from, String tokenPart1, String messageId) {
  private static final String SUBJECT_PREFIX = "ACME: ";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** {@code raw} if it is a challenge mail from {@code from}; anything else is not answered. */
  public static Optional<ChallengeMessage> read(byte[] raw, String from) {
    try {
      InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(raw));
      String subject = header(headers, "Subject");
      String sender = InternetAddress.parseHeader(header(headers, "From"), true)[0].getAddress();
      boolean auto = header(headers, "Auto-Submitted").toLowerCase(Locale.ROOT).replace(" ", "")
          .startsWith("auto-generated;type=acme");
      if (!auto || !sender.equalsIgnoreCase(from) || !subject.startsWith(SUBJECT_PREFIX)) {
        return Optional.empty();
      }
      return Optional.of(new ChallengeMessage(sender, subject.substring(SUBJECT_PREFIX.length()).strip(),
          header(headers, "Message-ID")));
    } catch (MessagingException | ArrayIndexOutOfBoundsException e) {
      return Optional.empty(); // no headers, or no From address
    }
  }

  /**
   * The reply of {@code person} (RFC 8823 3.2): the subject kept, the SHA-256 of the key
   * authorization (token-part1, token-part2, ".", the account key's thumbprint) between the ACME
   * RESPONSE markers.
   */
  public byte[] reply(String person, String tokenPart2, String accountThumbprint) {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    String threading = messageId.isEmpty() ? "" : "In-Reply-To: " + messageId + "\r\nReferences: " + messageId + "\r\n";
    String message = "From: " + person + "\r\nTo: " + from + "\r\nSubject: Re: " + SUBJECT_PREFIX + tokenPart1 + "\r\n"
        + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()) + "\r\n"
        + "Message-ID: <" + HexFormat.of().formatHex(id) + "@" + EmailAddress.domainOf(person).orElseThrow() + ">\r\n"
        + threading + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
        + "-----BEGIN ACME RESPONSE-----\r\n" + response(tokenPart1, tokenPart2, accountThumbprint)
        + "\r\n-----END ACME RESPONSE-----\r\n";
    return message.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * What a reply carries between its markers (RFC 8823 3.2): the base64url SHA-256 of the key
   * authorization, token-part1, token-part2, "." and the account key's thumbprint. The CA checks a
   * reply against the same.
   */
  public static String response(String tokenPart1, String tokenPart2, String accountThumbprint) {
    String keyAuthorization = tokenPart1 + tokenPart2 + "." + accountThumbprint;
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(keyAuthorization.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256", e);
    }
  }

  private static String header(InternetHeaders headers, String name) {
    String value = headers.getHeader(name, null);
    return value == null ? "" : MimeUtility.unfold(value).strip();
  }
}
