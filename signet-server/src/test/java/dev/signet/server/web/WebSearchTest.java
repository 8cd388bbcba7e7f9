package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.ComposePlan;
import dev.signet.core.ComposePolicy;
import dev.signet.core.ComposeRequest;
import dev.signet.core.DigitalId;
import dev.signet.core.Policy;
import dev.signet.core.Smime;
import dev.signet.pki.CaDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Searching one's mail in the web UI, over HTTP: what is found, what is not, and what is kept of it. */
class WebSearchTest {
  private static final String DANA = "dana@example.org";
  private static final String ERIN = "erin@example.org";
  private static final int BULK = FolderPages.PAGE_SIZE + 3;
  private static WebFixture fixture;

  @BeforeAll
  static void start() throws IOException {
    fixture = WebFixture.start();
    fixture.web.accounts().create(DANA, "Dana", Accounts.Role.PERSON, WebFixture.PASSWORD.toCharArray());
    fixture.web.accounts().create(ERIN, "Erin", Accounts.Role.PERSON, WebFixture.PASSWORD.toCharArray());
    deliver(WebFixture.ALICE, ERIN, "Archived contract", "Tue, 10 Feb 2026 09:00:00 +0100", "Signed in 2025.");
    deliver(WebFixture.ALICE, ERIN, "Fresh contract", "Tue, 10 Feb 2026 10:00:00 +0100", "Draft for 2026.");
    Mailboxes.Owner erin = Mailboxes.Owner.of(ERIN);
    String archived = fixture.web.mailboxes().list(erin).stream()
        .filter(m -> new String(m.raw(), StandardCharsets.UTF_8).contains("Archived contract")).findFirst()
        .orElseThrow().id();
    fixture.web.mailboxes().move(erin, Mailboxes.Standard.INBOX.folder(), List.of(archived),
        Mailboxes.Standard.ARCHIVE.folder());
    deliver(WebFixture.ALICE, WebFixture.BOB, "Harbour lunch plan", "Tue, 10 Feb 2026 09:00:00 +0100",
        "Shall we meet at noon?");
    deliver("carol@partner.example", WebFixture.BOB, "Invoice 4711", "Mon, 1 Dec 2025 16:20:00 +0000",
        "Please pay within 30 days.");
    deliver(WebFixture.BOB, WebFixture.ALICE, "Alice private memo", "Wed, 11 Feb 2026 08:00:00 +0100",
        "The zeppelin is Alice's alone.");
    deliverEncrypted("Salary review for the team", "The zeppelin budget is approved.");
    for (int i = 1; i <= BULK; i++) {
      deliver(WebFixture.ALICE, WebFixture.BOB, "Bulk note " + i + ".", "Thu, 12 Feb 2026 10:00:00 +0100", "bulk");
    }
    for (int i = 1; i <= MailSearch.Budget.DEFAULT.messages() + 5; i++) {
      deliver(WebFixture.ALICE, DANA, "Memo " + i + ".", "Fri, 13 Feb 2026 10:00:00 +0100", "memo");
    }
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void searchFindsTheSubject() throws IOException {
    String page = bob().get(search("q=harbour")).body();

    assertThat(page).contains("Harbour lunch plan").doesNotContain("Invoice 4711");
  }

  @Test
  void searchFindsTheSender() throws IOException {
    String page = bob().get(search("from=carol")).body();

    assertThat(page).contains("Invoice 4711").doesNotContain("Harbour lunch plan");
  }

  @Test
  void searchFindsByDateRangeBothDaysIncluded() throws IOException {
    String page = bob().get(search("since=2025-12-01&until=2026-02-10")).body();

    assertThat(page).contains("Invoice 4711", "Harbour lunch plan").doesNotContain("Bulk note");
  }

  @Test
  void textInsideAnEncryptedMessageIsFoundOnceTheIdsAreUnlocked() throws IOException {
    String page = WebClient.unlocked(fixture, WebFixture.BOB).get(search("q=zeppelin")).body();

    assertThat(page).contains("Salary review for the team").doesNotContain("could not be searched inside");
  }

  @Test
  void textInsideAnEncryptedMessageIsNotFoundWhileTheIdsAreLockedAndThePageSaysWhy() throws IOException {
    String page = bob().get(search("q=zeppelin")).body();

    assertThat(page).contains("No messages found", "1 encrypted message",
        "could not be searched inside until you unlock your digital IDs", "href=\"/web/ids\"")
        .doesNotContain("Salary review");
  }

  @Test
  void aProtectedSubjectIsFoundByTheSubjectInsideOnceTheIdsAreUnlocked() throws IOException {
    assertThat(WebClient.unlocked(fixture, WebFixture.BOB).get(search("subject=salary")).body())
        .contains("Salary review for the team");
    assertThat(bob().get(search("subject=salary")).body()).contains("No messages found");
  }

  @Test
  void resultsArePagedAsTheInboxIsNewestFirst() throws IOException {
    WebClient bob = bob();

    String first = bob.get(search("q=bulk")).body();
    String second = bob.get(search("q=bulk&page=2")).body();

    assertThat(first).contains("Page 1 of 2 (" + BULK + " found)", "Bulk note " + BULK + ".", "Bulk note 4.",
        "href=\"/web/search?q=bulk&amp;page=2\"").doesNotContain("Bulk note 3.");
    assertThat(second).contains("Page 2 of 2", "Bulk note 1.", "Bulk note 3.").doesNotContain("Bulk note 4.");
  }

  @Test
  void eachResultLinksToItsMessageAndShowsItsSecurityAsTheInboxDoes() throws IOException {
    WebClient bob = WebClient.unlocked(fixture, WebFixture.BOB);
    String id = fixture.web.mailboxes().list(WebFixture.BOB).stream()
        .filter(m -> new String(m.raw(), StandardCharsets.UTF_8).contains("application/pkcs7-mime"))
        .findFirst().orElseThrow().id();

    String page = bob.get(search("q=zeppelin")).body();

    assertThat(page).contains("href=\"/web/mail/" + id + "\"", "class=\"mark lock\"", "class=\"mark seal\"");
  }

  @Test
  void aSearchThatFindsNothingSaysSo() throws IOException {
    assertThat(bob().get(search("q=quetzalcoatl")).body()).contains("No messages found");
  }

  @Test
  void anotherPersonsMailNeverAppears() throws IOException {
    String bobs = WebClient.unlocked(fixture, WebFixture.BOB).get(search("q=zeppelin")).body();
    String alices = WebClient.unlocked(fixture, WebFixture.ALICE).get(search("q=harbour")).body();

    assertThat(bobs).doesNotContain("Alice private memo");
    assertThat(alices).contains("No messages found").doesNotContain("Harbour lunch plan");
  }

  @Test
  void aLongSearchStopsEarlyAndOffersToGoOnWithOlderMessages() throws IOException {
    WebClient dana = WebClient.signedIn(fixture, DANA);
    int budget = MailSearch.Budget.DEFAULT.messages();

    String first = dana.get(search("q=memo")).body();
    String rest = dana.get(search("q=memo&start=" + (budget + 1))).body();

    assertThat(first).contains("The search stopped early", "href=\"/web/search?q=memo&amp;start=" + (budget + 1) + "\"",
        "Searched messages 1 to " + budget + " of " + (budget + 5));
    assertThat(rest).contains("Searched messages " + (budget + 1) + " to " + (budget + 5), "Memo 1.", "Memo 5.")
        .doesNotContain("The search stopped early").doesNotContain("Memo 6.");
  }

  @Test
  void aSearchLooksInTheInboxUnlessAnotherFolderIsChosen() throws IOException {
    WebClient erin = WebClient.signedIn(fixture, ERIN);

    String inbox = erin.get(search("q=contract")).body();
    String archive = erin.get(search("q=contract&folder=Archive")).body();

    assertThat(inbox.replaceAll("\\s+", " ")).contains("Fresh contract", "of 1 in Inbox, newest first")
        .doesNotContain("Archived contract");
    assertThat(archive.replaceAll("\\s+", " ")).contains("Archived contract", "of 1 in Archive, newest first",
        "/web/mail/", "?folder=Archive", "<option value=\"Archive\" selected>").doesNotContain("Fresh contract");
  }

  @Test
  void aFolderThePersonDoesNotHaveIsNotFound() throws IOException {
    HttpResponse<String> r = WebClient.signedIn(fixture, ERIN).get(search("q=contract&folder=Elsewhere"));

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("You have no such folder", "value=\"contract\"");
  }

  @Test
  void theQueryIsShownBackEscaped() throws IOException {
    String page = bob().get(search("q=" + URLEncoder.encode("\"><script>alert(1)</script>", StandardCharsets.UTF_8)))
        .body();

    assertThat(page).doesNotContain("<script>alert(1)").contains("value=\"&#34;>&lt;script>alert(1)&lt;/script>\"");
  }

  @Test
  void aDateThatIsNotOneIsRefusedWithTheFormShownAgain() throws IOException {
    HttpResponse<String> r = bob().get(search("q=harbour&since=yesterday"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("Write dates as year-month-day", "value=\"harbour\"");
  }

  @Test
  void searchNeedsASignedInPerson() throws IOException {
    HttpResponse<String> r = new WebClient(fixture).get(search("q=harbour"));

    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/web/signin");
  }

  @Test
  void theQueryIsNotStored() throws IOException {
    String word = "quokka" + "7431";
    WebClient.unlocked(fixture, WebFixture.BOB).get(search("q=" + word + "&subject=" + word));

    try (WebDatabase db = new WebDatabase(CaDatabase.inDataFolder(fixture.data))) {
      List<String> tables = db.query("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'",
          r -> r.getString(1));
      assertThat(tables).isNotEmpty();
      for (String table : tables) {
        assertThat(db.query("SELECT * FROM \"" + table + "\"", WebSearchTest::rowText)).as(table)
            .noneMatch(row -> row.contains(word));
      }
    }
  }

  private static String rowText(java.sql.ResultSet r) throws java.sql.SQLException {
    ResultSetMetaData meta = r.getMetaData();
    StringBuilder row = new StringBuilder();
    for (int c = 1; c <= meta.getColumnCount(); c++) {
      Object value = r.getObject(c);
      row.append(value instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : String.valueOf(value))
          .append('\t');
    }
    return row.toString();
  }

  private static WebClient bob() throws IOException {
    return WebClient.signedIn(fixture, WebFixture.BOB);
  }

  private static String search(String query) {
    return "/web/search?" + query;
  }

  private static void deliver(String from, String to, String subject, String date, String body) {
    String text = "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nDate: " + date
        + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
    fixture.web.mailboxes().deliver(from, List.of(to), text.getBytes(StandardCharsets.UTF_8));
  }

  /** Signed by Alice, encrypted to Bob, its subject protected (RFC 9788: "[...]" outside). */
  private static void deliverEncrypted(String subject, String body) throws IOException {
    DigitalId alice = fixture.ids.get(WebFixture.ALICE);
    var bob = new ComposeRequest.Recipient(WebFixture.BOB, Optional.of(fixture.ids.get(WebFixture.BOB).certificate()),
        Set.of());
    ComposePlan plan = ComposePolicy.plan(new ComposeRequest(true, true, false, false, alice, List.of(bob),
        Instant.now()), Policy.defaults());
    String text = "From: " + WebFixture.ALICE + "\r\nTo: " + WebFixture.BOB + "\r\nSubject: " + subject
        + "\r\nDate: Mon, 9 Feb 2026 12:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
    ByteArrayOutputStream mail = new ByteArrayOutputStream();
    Smime.withDefaults().compose(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), plan, alice, mail);
    fixture.web.mailboxes().deliver(WebFixture.ALICE, List.of(WebFixture.BOB), mail.toByteArray());
  }
}
