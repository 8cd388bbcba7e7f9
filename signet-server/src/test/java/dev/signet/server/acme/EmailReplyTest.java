package dev.signet.server.acme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.mail.acme.ChallengeMessage;
import dev.signet.pki.AcmeRecords;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The email-reply-00 messages alone: the challenge as the CA writes it, and which reply answers it. */
class EmailReplyTest {
  private static final AcmeRecords.Order ORDER = new AcmeRecords.Order("o1", "a1", "frank@example.org", "pending",
      Instant.parse("2030-01-02T00:00:00Z"), "part1", "part2", "pending", Optional.empty(), Optional.empty());
  private static final String THUMBPRINT = "thumbprint";

  private static ChallengeMail.Reply reply(String from) {
    String message = "From: " + from + "\r\nTo: acme-challenge@example.org\r\nSubject: Re: ACME: part1\r\n\r\n"
        + "-----BEGIN ACME RESPONSE-----\r\n" + ChallengeMessage.response(ORDER.tokenPart1(), ORDER.tokenPart2(), THUMBPRINT)
        + "\r\n-----END ACME RESPONSE-----\r\n";
    return new ChallengeMail.Reply(1, Instant.EPOCH, "frank@example.org", message);
  }

  @Test
  void theChallengeIsDatedByTheClockInRfc5322Form() {
    Clock clock = Clock.fixed(Instant.parse("2030-01-01T12:00:00Z"), ZoneOffset.UTC);
    String challenge = new String(EmailReply.challenge(ORDER, "acme-challenge@example.org", clock, new SecureRandom()),
        StandardCharsets.UTF_8);

    assertThat(challenge).contains("\r\nDate: Tue, 1 Jan 2030 12:00:00 +0000\r\n", "Subject: ACME: part1\r\n",
        "Message-ID: <acme-o1@example.org>\r\n");
  }

  @Test
  void aReplyFromTheOrdersAddressAnswers() {
    assertThat(EmailReply.answer(List.of(reply("Frank <frank@example.org>")), ORDER, THUMBPRINT)).isPresent();
  }

  @Test
  void theOrdersAddressInTheDisplayNameOfAnotherAddressDoesNotAnswer() {
    assertThat(EmailReply.answer(List.of(reply("\"<frank@example.org>\" <mallory@example.org>")), ORDER, THUMBPRINT))
        .isEmpty();
  }
}
