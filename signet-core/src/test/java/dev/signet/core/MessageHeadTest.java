package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.internal.HeaderBlock;
import dev.signet.core.internal.MimeInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** MessageHead.completed: the Date and Message-ID fields RFC 5322 asks of every message, added where missing. */
class MessageHeadTest {
  private static final Instant NOW = Instant.parse("2024-07-01T10:52:37Z");
  private static final SecureRandom RANDOM = new SecureRandom();

  private static MessageHead head(String message) throws IOException {
    return MessageHead.read(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)), Limits.DEFAULT);
  }

  private static MessageHead completed(String message) throws IOException {
    return head(message).completed(NOW, ZoneOffset.UTC, RANDOM);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String whole(MessageHead head) throws IOException {
    return text(head.message().readAllBytes());
  }

  private static HeaderBlock fields(MessageHead head) throws IOException {
    return HeaderBlock.read(new MimeInput(new ByteArrayInputStream(head.bytes())), Limits.DEFAULT);
  }

  @Test
  void addsDateAndMessageIdAfterTheFieldsThereKeepingThemAndTheBody() throws IOException {
    String original = "From: Alice <alice@example.org>\r\nTo: bob@example.org\r\nSubject: Hi\r\n";
    MessageHead head = completed(original + "\r\nNoon?\r\n");

    String block = text(head.bytes());
    assertThat(block).startsWith(original).endsWith("\r\n\r\n");
    assertThat(block.substring(original.length())).matches(
        "Date: Mon, 1 Jul 2024 10:52:37 \\+0000\r\nMessage-ID: <[0-9a-f]{32}@example\\.org>\r\n\r\n");
    assertThat(whole(head)).isEqualTo(block + "Noon?\r\n");
  }

  @Test
  void theDateIsAnRfc5322DateTimeInTheZoneGivenWithANumericOffset() throws IOException {
    MessageHead head = head("From: alice@example.org\r\n\r\nx").completed(NOW, ZoneId.of("Europe/Paris"), RANDOM);

    String date = fields(head).value("Date").orElseThrow();
    assertThat(date).isEqualTo("Mon, 1 Jul 2024 12:52:37 +0200");
    assertThat(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()).isEqualTo(NOW);
    assertThat(fields(head.completed(NOW, ZoneId.of("Europe/Paris"), RANDOM)).value("Date")).contains(date);
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      assertThat(fields(head("From: a@example.org\r\n\r\n").completed(NOW, ZoneOffset.UTC, RANDOM)).value("Date"))
          .as("day and month names are English whatever the locale").contains("Mon, 1 Jul 2024 10:52:37 +0000");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void fieldsAlreadyThereAreNeverAlteredWhateverTheirSpellingOrFolding() throws IOException {
    String message = "From: alice@example.org\r\ndate: Tue, 2 Jan 2001\r\n 09:00:00 -0500\r\n"
        + "message-id: <mine@elsewhere>\r\n\r\nbody\r\n";
    MessageHead head = completed(message);

    assertThat(whole(head)).isEqualTo(message);
  }

  @Test
  void onlyTheMissingOneIsAdded() throws IOException {
    assertThat(text(completed("From: a@example.org\r\nDate: Tue, 2 Jan 2001 09:00:00 -0500\r\n\r\n").bytes()))
        .matches("From: a@example.org\r\nDate: Tue, 2 Jan 2001 09:00:00 -0500\r\nMessage-ID: <[0-9a-f]{32}@example.org>\r\n\r\n");
    assertThat(text(completed("From: a@example.org\r\nMessage-ID: <x@y>\r\n\r\n").bytes()))
        .isEqualTo("From: a@example.org\r\nMessage-ID: <x@y>\r\nDate: Mon, 1 Jul 2024 10:52:37 +0000\r\n\r\n");
  }

  @Test
  void aBlockWithBareLineFeedsGetsFieldsEndingInLineFeeds() throws IOException {
    MessageHead head = completed("From: alice@example.org\nTo: bob@example.org\n\nbody\n");

    assertThat(text(head.bytes())).doesNotContain("\r")
        .matches("From: alice@example.org\nTo: bob@example.org\nDate: [^\n]+\nMessage-ID: <[^\n]+>\n\n");
    assertThat(whole(head)).endsWith("\n\nbody\n");
  }

  @Test
  void aMessageIdTooLongForOneLineIsFoldedBeforeItsAngleBracket() throws IOException {
    String domain = "mail.engineering-department.example.org";
    MessageHead head = completed("From: alice@" + domain + "\r\n\r\nbody");

    String block = text(head.bytes());
    assertThat(block).contains("Message-ID:\r\n <");
    assertThat(block.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
    assertThat(fields(head).value("Message-ID").orElseThrow()).matches("<[0-9a-f]{32}@" + domain.replace(".", "\\.") + ">");
  }

  @Test
  void theDomainIsTheFirstFromAddressesInItsAsciiForm() throws IOException {
    assertThat(fields(completed("From: \"Ann (sales)\" <ann@b\u00fccher.example>, bob@other.example\r\n\r\n"))
        .value("Message-ID").orElseThrow()).endsWith("@xn--bcher-kva.example>");
    assertThat(fields(completed("From: (comment) bob@[192.0.2.1]\r\n\r\n")).value("Message-ID").orElseThrow())
        .endsWith("@[192.0.2.1]>");
  }

  @Test
  void withoutAnAddressInFromOnlyTheDateIsAdded() throws IOException {
    for (String message : new String[] {"Subject: no From\r\n\r\nbody", "From: Undisclosed\r\n\r\nbody",
        "From: alice@exa mple.org\r\n\r\nbody"}) {
      HeaderBlock added = fields(completed(message));
      assertThat(added.first("Date")).as(message).isPresent();
      assertThat(added.first("Message-ID")).as(message).isEmpty();
    }
  }

  @Test
  void eachMessageGetsItsOwnMessageId() throws IOException {
    String message = "From: alice@example.org\r\n\r\nbody";
    assertThat(fields(completed(message)).value("Message-ID")).isNotEqualTo(fields(completed(message)).value("Message-ID"));
  }

  @Test
  void aHeaderBlockCutOffAtTheEndOfTheInputStaysWellFormed() throws IOException {
    MessageHead head = completed("From: alice@example.org\r\nSubject: only headers");

    assertThat(whole(head)).matches("From: alice@example.org\r\nSubject: only headers\r\nDate: [^\r\n]+\r\n"
        + "Message-ID: <[^\r\n]+>\r\n\r\n");
  }

  @Test
  void bareContentIsNotAMessageAndGetsNothing() throws IOException {
    MessageHead bare = head("just some text, no header block\r\n");

    MessageHead completed = bare.completed(NOW, ZoneOffset.UTC, RANDOM);

    assertThat(completed.bytes()).isEmpty();
    assertThat(whole(completed)).isEqualTo("just some text, no header block\r\n");
  }

  @Test
  void aCompleteMessageIsLeftAsItIs() throws IOException {
    MessageHead head = head("From: a@example.org\r\nDate: x\r\nMessage-ID: <a@b>\r\n\r\nbody");
    assertThat(head.completed(NOW, ZoneOffset.UTC, RANDOM)).isSameAs(head);
  }
}
