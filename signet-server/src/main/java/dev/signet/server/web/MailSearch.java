package dev.signet.server.web;

import dev.signet.core.DateField;
import java.io.IOException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;

/**
 * Which of a person's messages a search finds, from the messages as their reader read them. Free
 * text looks at the sender, the recipients, the subject (the protected one where the person's IDs
 * opened it) and, in a message their IDs opened, its text, its HTML reduced to text and its
 * attachments' names; an encrypted message they cannot open matches on its outer header fields only.
 * Neither case nor Unicode form matters. Nothing read here outlives the search.
 */
final class MailSearch {
  /** The longest search field a person may type. */
  static final int MAX_FIELD_CHARS = 200;
  private static final Pattern TERM = Pattern.compile("\"([^\"]*)\"|(\\S+)");

  private MailSearch() {}

  /**
   * What a person asks for: every word (or "quoted phrase") of each field must be found; a blank field
   * asks nothing. {@code since} and {@code until} are days as the message's Date gives them, both included.
   */
  record Query(String text, String from, String to, String subject, Optional<LocalDate> since,
      Optional<LocalDate> until) {
    Query {
      text = text.strip();
      from = from.strip();
      to = to.strip();
      subject = subject.strip();
      Objects.requireNonNull(since, "since");
      Objects.requireNonNull(until, "until");
    }

    /** Free text alone. */
    static Query text(String text) {
      return new Query(text, "", "", "", Optional.empty(), Optional.empty());
    }

    boolean asksNothing() {
      return (text + from + to + subject).isBlank() && since.isEmpty() && until.isEmpty();
    }
  }

  /** How much one search may read: at most {@code messages}, for at most {@code time}. */
  record Budget(int messages, Duration time) {
    static final Budget DEFAULT = new Budget(500, Duration.ofSeconds(10));

    Budget {
      if (messages <= 0 || time.isNegative() || time.isZero()) {
        throw new IllegalArgumentException("a search reads at least one message, for some time");
      }
    }
  }

  /** A message and what the person's reader read from it. */
  record Read(Mailboxes.Message message, MailReader.Reading reading) {}

  /** Reads one message as the person reads it (with their unlocked IDs). */
  interface Reader {
    MailReader.Reading read(Mailboxes.Message message) throws IOException;
  }

  /**
   * What one search found, newest first, without the content it matched; where the next search of the
   * folder goes on ({@code next}) among its {@code total} messages; and how many encrypted messages it
   * read whose inside it could not search.
   */
  record Scan(List<Read> found, int next, int total, int unopened) {
    Scan {
      found = List.copyOf(found);
    }

    /** Whether it stopped at its budget before the folder's end. */
    boolean stoppedEarly() {
      return next < total;
    }
  }

  /** The folder's messages (newest first) from its message {@code start} on, at most {@code limit}. */
  interface Fetch {
    Mailboxes.Page page(int start, int limit) throws IOException;
  }

  /**
   * Searches a folder from its message {@code start} on (newest first), reading each with {@code reader},
   * until its end or {@code budget} (at least one message, so going on always moves). Messages are
   * fetched a page at a time, so the time budget bounds what is fetched too.
   */
  static Scan scan(Query query, Fetch fetch, int start, Budget budget, Clock clock, Reader reader)
      throws IOException {
    Instant deadline = clock.instant().plus(budget.time());
    int end = start + budget.messages();
    List<Read> found = new ArrayList<>();
    int unopened = 0;
    int i = start;
    int total = Integer.MAX_VALUE; // known from the first page
    while (i < Math.min(end, total) && inTime(i, start, clock, deadline)) {
      Mailboxes.Page page = fetch.page(i, Math.min(FolderPages.PAGE_SIZE, end - i));
      // a folder that shrank since its count was taken ends where its messages do
      total = page.messages().isEmpty() ? Math.min(i, page.total()) : page.total();
      Iterator<Mailboxes.Message> messages = page.messages().iterator();
      for (; messages.hasNext() && inTime(i, start, clock, deadline); i++) {
        Mailboxes.Message message = messages.next();
        MailReader.Reading reading = reader.read(message);
        if (reading.report().arrivedEncrypted() && reading.content().isEmpty()) {
          unopened++;
        }
        if (matches(query, new Read(message, reading))) {
          found.add(new Read(message, new MailReader.Reading(reading.headers(), reading.report(), Optional.empty())));
        }
      }
    }
    return new Scan(found, Math.min(i, total), total, unopened);
  }

  /** Whether the search reads message {@code i}: the first always, so that going on always moves. */
  private static boolean inTime(int i, int start, Clock clock, Instant deadline) {
    return i == start || clock.instant().isBefore(deadline);
  }

  /** Whether {@code read} is what {@code query} asks for. */
  static boolean matches(Query query, Read read) {
    MailReader.Headers h = read.reading().headers();
    String recipients = h.to() + "\n" + h.cc();
    LocalDate day = day(h.date()).orElseGet(() -> read.message().received().atOffset(ZoneOffset.UTC).toLocalDate());
    return query.since().map(d -> !day.isBefore(d)).orElse(true) && query.until().map(d -> !day.isAfter(d)).orElse(true)
        && finds(query.from(), h.from()) && finds(query.to(), recipients) && finds(query.subject(), h.subject())
        && finds(query.text(), String.join("\n", h.from(), recipients, h.subject(), inside(read.reading())));
  }

  /** What the person's IDs opened: the text, the HTML as text, the attachments' names; "" when unopened. */
  static String inside(MailReader.Reading reading) {
    return reading.content().map(c -> Stream.concat(Stream.of(c.text(), c.html().map(h -> Jsoup.parse(h).text())
        .orElse("")), c.attachments().stream().map(Attachment::name)).reduce((a, b) -> a + "\n" + b).orElse(""))
        .orElse("");
  }

  /** The day a Date field gives, in the writer's own time zone as the mailbox shows it; empty when unreadable. */
  static Optional<LocalDate> day(String date) {
    return DateField.read(date).map(OffsetDateTime::toLocalDate);
  }

  /** Whether every word or "quoted phrase" of {@code asked} is in {@code text}, whatever their case and Unicode form. */
  static boolean finds(String asked, String text) {
    if (asked.isBlank()) {
      return true;
    }
    String folded = fold(text);
    Matcher m = TERM.matcher(asked);
    while (m.find()) {
      String term = fold(m.group(1) != null ? m.group(1) : m.group(2));
      if (!term.isBlank() && !folded.contains(term)) {
        return false;
      }
    }
    return true;
  }

  /** Compatibility form, then upper and lower case: "ﬁ" is "fi", "Straße" is "STRASSE" is "strasse". */
  private static String fold(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }
}
