package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import dev.signet.core.SecurityReport;
import dev.signet.testkit.TestClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a search finds in messages as a person's reader read them. */
class MailSearchTest {
  private static final Instant ARRIVED = Instant.parse("2026-03-10T12:00:00Z");
  private static final SecurityReport PLAIN = new SecurityReport(List.of(), List.of(), List.of());
  private static final SecurityReport LOCKED = new SecurityReport(List.of(), List.of(),
      List.of(Problem.of(ProblemCode.NO_DECRYPTION_KEY, "the digital IDs are locked")));

  @Test
  void subjectFindsItsWordsInAnyCase() throws IOException {
    MailSearch.Read m = opened(message("Subject: Quarterly Figures"));

    assertThat(finds(subject("quarterly FIGURES"), m)).isTrue();
    assertThat(finds(subject("annual"), m)).isFalse();
  }

  @Test
  void everyWordMustBeFoundButAQuotedPhraseKeepsItsOrder() throws IOException {
    MailSearch.Read m = opened(message("Subject: figures for the quarter"));

    assertThat(finds(MailSearch.Query.text("quarter figures"), m)).isTrue();
    assertThat(finds(MailSearch.Query.text("\"quarter figures\""), m)).isFalse();
    assertThat(finds(MailSearch.Query.text("quarter budget"), m)).isFalse();
  }

  @Test
  void fromFindsTheSenderNotTheRecipients() throws IOException {
    MailSearch.Read m = opened(message("From: Alice Example <alice@example.org>\r\nTo: bob@example.org"));

    assertThat(finds(query("", "alice@example.org", "", ""), m)).isTrue();
    assertThat(finds(query("", "alice example", "", ""), m)).isTrue();
    assertThat(finds(query("", "bob", "", ""), m)).isFalse();
  }

  @Test
  void toFindsTheRecipientsAndTheCopiedButNotTheSender() throws IOException {
    MailSearch.Read m = opened(message("From: alice@example.org\r\nTo: bob@example.org\r\nCc: carol@example.org"));

    assertThat(finds(query("", "", "bob", ""), m)).isTrue();
    assertThat(finds(query("", "", "carol@example.org", ""), m)).isTrue();
    assertThat(finds(query("", "", "alice", ""), m)).isFalse();
  }

  @Test
  void freeTextFindsTheSenderRecipientsSubjectAndText() throws IOException {
    MailSearch.Read m = opened(message("From: alice@example.org\r\nCc: carol@example.org\r\nSubject: Lunch",
        "text/plain", "Shall we meet at the harbour?"));

    for (String word : List.of("alice", "carol", "lunch", "harbour")) {
      assertThat(finds(MailSearch.Query.text(word), m)).as(word).isTrue();
    }
    assertThat(finds(MailSearch.Query.text("airport"), m)).isFalse();
  }

  @Test
  void htmlIsSearchedAsTheTextItShowsNotItsMarkup() throws IOException {
    MailSearch.Read m = opened(message("Subject: News", "text/html",
        "<p class=\"invoice-style\">Quarterly <b>fig</b>ures &amp; plans</p>"));

    assertThat(finds(MailSearch.Query.text("\"quarterly figures & plans\""), m)).isTrue();
    assertThat(finds(MailSearch.Query.text("invoice-style"), m)).isFalse();
    assertThat(finds(MailSearch.Query.text("<b>"), m)).isFalse();
  }

  @Test
  void freeTextFindsAnAttachmentsName() throws IOException {
    String mixed = "Subject: Report\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
        + "--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
        + "--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"budget-2026.pdf\"\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n--b--\r\n";

    assertThat(finds(MailSearch.Query.text("budget-2026"), opened(mixed))).isTrue();
  }

  @Test
  void encodedWordsAreDecodedBeforeMatching() throws IOException {
    MailSearch.Read m = opened(message("From: =?UTF-8?Q?J=C3=BCrgen?= <j@example.org>\r\n"
        + "Subject: =?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?="));

    assertThat(finds(subject("köln"), m)).isTrue();
    assertThat(finds(query("", "jürgen", "", ""), m)).isTrue();
    assertThat(finds(subject("R3LD"), m)).isFalse();
  }

  @Test
  void caseAndUnicodeFormDoNotMatter() throws IOException {
    String decomposedCafe = "Cafe\u0301";
    MailSearch.Read m = opened(message("Subject: Lunch", "text/plain", "Meet at the " + decomposedCafe
        + " on the Hauptstraße to discuss the \ufb01le."));

    assertThat(finds(MailSearch.Query.text("HAUPTSTRASSE"), m)).isTrue();
    assertThat(finds(MailSearch.Query.text("café"), m)).isTrue();
    assertThat(finds(MailSearch.Query.text("FILE"), m)).isTrue();
  }

  @Test
  void datesBoundTheSearchBothIncludedOnTheDayTheDateFieldGives() throws IOException {
    // 23:30 in New York on 1 June is 2 June in UTC: the person sees 1 June, so that is its day.
    MailSearch.Read m = opened(message("Date: Mon, 1 Jun 2026 23:30:00 -0400 (EDT)"));

    assertThat(finds(between("2026-06-01", "2026-06-01"), m)).isTrue();
    assertThat(finds(between("2026-05-01", "2026-05-31"), m)).isFalse();
    assertThat(finds(between("2026-06-02", "2026-06-30"), m)).isFalse();
    assertThat(finds(new MailSearch.Query("", "", "", "", Optional.of(LocalDate.parse("2026-06-01")),
        Optional.empty()), m)).isTrue();
  }

  @Test
  void aMessageWithoutAReadableDateIsDatedByItsArrival() throws IOException {
    MailSearch.Read m = opened(message("Date: the day before yesterday"));

    assertThat(finds(between("2026-03-10", "2026-03-10"), m)).isTrue();
    assertThat(finds(between("2026-06-01", "2026-06-30"), m)).isFalse();
  }

  @Test
  void aMessageWhoseDateHasANumberPastAnIntIsDatedByItsArrival() throws IOException {
    MailSearch.Read m = opened(message("Date: Tue, 10 Mar 99999999999999999999 09:00:00 +0000"));

    assertThat(finds(between("2026-03-10", "2026-03-10"), m)).isTrue();
  }

  @Test
  void anUnopenedEncryptedMessageMatchesOnItsOuterHeaderFieldsOnly() throws IOException {
    byte[] raw = message("From: alice@example.org\r\nSubject: Sealed", "text/plain", "the secret harbour")
        .getBytes(StandardCharsets.UTF_8);
    MailSearch.Read locked = new MailSearch.Read(new Mailboxes.Message("1", ARRIVED, raw),
        new MailReader.Reading(MailReader.headers(raw), LOCKED, Optional.empty()));

    assertThat(finds(MailSearch.Query.text("sealed alice"), locked)).isTrue();
    assertThat(finds(MailSearch.Query.text("harbour"), locked)).isFalse();
  }

  @Test
  void aProtectedSubjectIsSearchedAsTheReaderReadItNotAsItTravelled() throws IOException {
    byte[] raw = message("Subject: [...]").getBytes(StandardCharsets.UTF_8);
    MailReader.Headers inner = new MailReader.Headers("alice@example.org", "bob@example.org", "", "Salary review",
        "");
    MailSearch.Read m = new MailSearch.Read(new Mailboxes.Message("1", ARRIVED, raw),
        new MailReader.Reading(inner, PLAIN, Optional.of(MailReader.content(raw, false))));

    assertThat(finds(subject("salary"), m)).isTrue();
    assertThat(finds(subject("[...]"), m)).isFalse();
  }

  @Test
  void aScanStopsAtItsMessageBudgetAndSaysWhereToGoOn() throws IOException {
    List<Mailboxes.Message> mailbox = mailbox(5);
    MailSearch.Budget two = new MailSearch.Budget(2, Duration.ofMinutes(1));

    MailSearch.Scan first = scan(mailbox, 0, two, Clock.systemUTC());
    MailSearch.Scan last = scan(mailbox, 4, two, Clock.systemUTC());

    assertThat(first.found()).extracting(r -> r.message().id()).containsExactly("0", "1");
    assertThat(first.next()).isEqualTo(2);
    assertThat(first.stoppedEarly()).isTrue();
    assertThat(last.found()).extracting(r -> r.message().id()).containsExactly("4");
    assertThat(last.stoppedEarly()).isFalse();
  }

  @Test
  void aScanStopsAtItsTimeBudgetButReadsAtLeastOneMessage() throws IOException {
    Clock minuteEachLook = TestClock.stepping(ARRIVED, Duration.ofMinutes(1));

    MailSearch.Scan scan = scan(mailbox(5), 0, new MailSearch.Budget(100, Duration.ofSeconds(1)), minuteEachLook);

    assertThat(scan.found()).hasSize(1);
    assertThat(scan.next()).isEqualTo(1);
    assertThat(scan.stoppedEarly()).isTrue();
  }

  @Test
  void aScanCountsTheEncryptedMessagesItCouldNotLookInsideAndKeepsNoContent() throws IOException {
    List<Mailboxes.Message> mailbox = mailbox(3);

    MailSearch.Scan scan = MailSearch.scan(MailSearch.Query.text("note"), fetching(mailbox), 0,
        MailSearch.Budget.DEFAULT,
        Clock.systemUTC(), m -> m.id().equals("1") ? new MailReader.Reading(MailReader.headers(m.raw()), LOCKED,
            Optional.empty()) : read(m.raw()));

    assertThat(scan.unopened()).isEqualTo(1);
    assertThat(scan.found()).hasSize(3).allSatisfy(r -> assertThat(r.reading().content()).isEmpty());
  }

  private static MailSearch.Scan scan(List<Mailboxes.Message> mailbox, int start, MailSearch.Budget budget,
      Clock clock) throws IOException {
    return MailSearch.scan(MailSearch.Query.text("note"), fetching(mailbox), start, budget,
        clock, m -> read(m.raw()));
  }

  /** The mailbox port over {@code mailbox}: {@code limit} messages from a start on, and how many there are. */
  private static MailSearch.Fetch fetching(List<Mailboxes.Message> mailbox) {
    return (start, limit) -> new Mailboxes.Page(mailbox.subList(Math.min(start, mailbox.size()),
        Math.min(mailbox.size(), start + limit)), mailbox.size());
  }

  private static List<Mailboxes.Message> mailbox(int size) {
    List<Mailboxes.Message> all = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      all.add(new Mailboxes.Message(String.valueOf(i), ARRIVED,
          message("Subject: Note " + i).getBytes(StandardCharsets.UTF_8)));
    }
    return all;
  }

  private static boolean finds(MailSearch.Query q, MailSearch.Read m) throws IOException {
    return MailSearch.matches(q, m);
  }

  private static MailSearch.Query subject(String s) {
    return query("", "", "", s);
  }

  private static MailSearch.Query query(String text, String from, String to, String subject) {
    return new MailSearch.Query(text, from, to, subject, Optional.empty(), Optional.empty());
  }

  private static MailSearch.Query between(String since, String until) {
    return new MailSearch.Query("", "", "", "", Optional.of(LocalDate.parse(since)), Optional.of(LocalDate.parse(until)));
  }

  private static String message(String headers) {
    return message(headers, "text/plain", "Hello.");
  }

  private static String message(String headers, String type, String body) {
    return headers + "\r\nMIME-Version: 1.0\r\nContent-Type: " + type + "; charset=utf-8\r\n\r\n" + body + "\r\n";
  }

  /** A message not encrypted, read as the reader reads it: its headers and its content. */
  private static MailSearch.Read opened(String message) throws IOException {
    byte[] raw = message.getBytes(StandardCharsets.UTF_8);
    return new MailSearch.Read(new Mailboxes.Message("1", ARRIVED, raw), read(raw));
  }

  private static MailReader.Reading read(byte[] raw) throws IOException {
    return new MailReader.Reading(MailReader.headers(raw), PLAIN, Optional.of(MailReader.content(raw, false)));
  }
}
