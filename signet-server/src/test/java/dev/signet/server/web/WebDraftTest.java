package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.signet.pki.CaDatabase;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drafts sealed at rest (issue 11): kept encrypted to the author's own certificate, attachments
 * included; listed, opened with the author's unlocked keys, sent and deleted.
 */
class WebDraftTest {
  private static final Pattern DRAFT_ID = Pattern.compile("/web/compose\\?draft=([0-9]+)");
  private static final Pattern HIDDEN_DRAFT = Pattern.compile("name=\"draft\" value=\"([0-9]+)\"");

  private static WebFixture fixture;
  private static HikariDataSource sql;
  private static WebClient alice;

  @BeforeAll
  static void start() throws IOException {
    Path data = Files.createTempDirectory("signet-web-drafts");
    CaDatabase database = CaDatabase.inDataFolder(data);
    fixture = WebFixture.start(data, database);
    sql = database.pool("draft-test");
    alice = WebClient.unlocked(fixture, WebFixture.ALICE);
  }

  @AfterAll
  static void stop() {
    sql.close();
    fixture.close();
  }

  private static HttpResponse<String> post(WebClient who, List<Map.Entry<String, String>> fields,
      List<WebClient.FilePart> files) throws IOException {
    return who.postMultipart("/web/compose", "/web/compose", fields, files);
  }

  private static WebClient.FilePart file(String name, String content) {
    return new WebClient.FilePart("attachment", name, "text/plain", content.getBytes(StandardCharsets.UTF_8));
  }

  /** Alice saves a draft to Bob; the id of her newest draft. */
  private static String saveDraft(String subject, String body, List<WebClient.FilePart> files) throws IOException {
    HttpResponse<String> r = post(alice, List.of(Map.entry("to", WebFixture.BOB), Map.entry("subject", subject),
        Map.entry("body", body), Map.entry("sign", "1"), Map.entry("encrypt", "1"), Map.entry("action", "save")), files);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/web/drafts?saved=1");
    Matcher m = DRAFT_ID.matcher(alice.get("/web/drafts").body());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  /** The marker as it could appear in clear: UTF-8, base64 at each of the three byte alignments, quoted-printable. */
  private static List<String> clearForms(String marker) {
    List<String> forms = new ArrayList<>(List.of(marker, qp(marker)));
    byte[] bytes = marker.getBytes(StandardCharsets.UTF_8);
    for (int shift = 0; shift < 3; shift++) {
      byte[] shifted = new byte[shift + bytes.length];
      System.arraycopy(bytes, 0, shifted, shift, bytes.length);
      String b64 = Base64.getEncoder().encodeToString(shifted);
      forms.add(b64.substring(shift == 0 ? 0 : 4, b64.length() - 4));
    }
    return forms;
  }

  private static String qp(String text) {
    StringBuilder s = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      s.append(c >= 33 && c <= 126 && c != '=' ? String.valueOf((char) c) : String.format("=%02X", c));
    }
    return s.toString();
  }

  private static void assertNotIn(byte[] haystack, List<String> forms, String where) {
    String text = new String(haystack, StandardCharsets.ISO_8859_1);
    for (String form : forms) {
      assertThat(text.contains(new String(form.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)))
          .as(where + " holds " + form).isFalse();
    }
  }

  private static List<byte[]> draftRows(String owner) throws SQLException {
    List<byte[]> rows = new ArrayList<>();
    try (Connection c = sql.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT id, owner, saved_at, sealed FROM web_draft")) {
      while (r.next()) {
        if (r.getString(2).equals(owner)) {
          rows.add((r.getLong(1) + "|" + r.getString(2) + "|" + r.getString(3) + "|"
              + new String(r.getBytes(4), StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1));
        }
      }
    }
    return rows;
  }

  @Test
  void aSavedDraftWithAnAttachmentIsFoundNowhereInClear() throws IOException, SQLException {
    String marker = "Entwurf-geheim-Ä-4f9d2c1e8b7a";
    List<String> forms = clearForms(marker);
    String id = saveDraft("Plan " + marker, "body " + marker, List.of(file("plan.txt", "attachment " + marker)));

    assertThat(alice.get("/web/drafts").body()).contains("Plan " + marker, "/web/compose?draft=" + id);
    List<byte[]> rows = draftRows(WebFixture.ALICE);
    assertThat(rows).isNotEmpty();
    for (byte[] row : rows) {
      assertNotIn(row, forms, "a web_draft row");
    }
    try (Stream<Path> files = Files.walk(fixture.data)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertNotIn(Files.readAllBytes(f), forms, f.toString());
      }
    }
  }

  @Test
  void aDraftOpensAgainWithItsFieldsSwitchesAndAttachments() throws IOException {
    String id = saveDraft("Reopen me", "line one\nline two", List.of(file("notes.txt", "n")));
    String page = alice.get("/web/compose?draft=" + id).body();

    assertThat(page).contains("value=\"Reopen me\"", "line one\nline two", "value=\"" + id + "\"",
        "name=\"keep\" value=\"0\"", "notes.txt");
    assertThat(page).containsPattern("name=\"sign\"[^>]*checked").containsPattern("name=\"encrypt\"[^>]*checked");
  }

  @Test
  void aLongLineAndTextOutsideAsciiComeBackUnchanged() throws IOException {
    String body = "Grüße, " + "x".repeat(5000) + "\nzweite Zeile =3D";
    String id = saveDraft("Überblick", body, List.of());
    String page = alice.get("/web/compose?draft=" + id).body();

    assertThat(page).contains("value=\"Überblick\"", ">" + body + "\n</textarea>");
  }

  @Test
  void aDraftPostedWithoutTheFormTokenIsRefusedAndNotKept() throws IOException, SQLException {
    int before = draftRows(WebFixture.ALICE).size();
    HttpResponse<String> r = alice.post("/web/compose", Map.of("to", WebFixture.BOB, "subject", "no token",
        "action", "save"));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(draftRows(WebFixture.ALICE)).hasSize(before);
  }

  @Test
  void openingADraftNeedsTheAuthorsUnlockedKeys() throws IOException {
    String id = saveDraft("Locked away", "x", List.of());
    WebClient locked = WebClient.signedIn(fixture, WebFixture.ALICE);

    HttpResponse<String> r = locked.get("/web/compose?draft=" + id);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("unlock your digital IDs").doesNotContain("Locked away");
    assertThat(locked.get("/web/drafts").body()).contains("sealed").doesNotContain("Locked away");
  }

  @Test
  void sendingADraftSendsItsKeptAttachmentAndRemovesIt() throws IOException {
    String id = saveDraft("Send me later", "the kept file", List.of(file("kept.txt", "kept content 91c3")));
    int before = fixture.web.mailboxes().list(WebFixture.BOB).size();

    HttpResponse<String> r = post(alice, List.of(Map.entry("draft", id), Map.entry("keep", "0"),
        Map.entry("to", WebFixture.BOB), Map.entry("subject", "Send me later"), Map.entry("body", "the kept file"),
        Map.entry("sign", "1"), Map.entry("clear", "1"), Map.entry("action", "send")), List.of());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);

    assertThat(fixture.web.mailboxes().list(WebFixture.BOB)).hasSize(before + 1);
    String raw = new String(fixture.newest(WebFixture.BOB).raw(), StandardCharsets.UTF_8);
    assertThat(raw).contains("filename*=UTF-8''kept.txt",
        Base64.getEncoder().encodeToString("kept content 91c3".getBytes(StandardCharsets.UTF_8)));
    assertThat(alice.get("/web/drafts").body()).doesNotContain("draft=" + id);
  }

  @Test
  void deletingADraftRemovesIt() throws IOException {
    String id = saveDraft("Throw away", "x", List.of());

    alice.submit("/web/drafts", "/web/drafts/" + id + "/delete", Map.of());
    assertThat(alice.get("/web/drafts").body()).doesNotContain("draft=" + id);
    assertThat(alice.get("/web/compose?draft=" + id).statusCode()).isEqualTo(404);
  }

  @Test
  void theDraftsAMailProgramKeepsInTheDraftsFolderAreCountedWithALinkToThem() throws IOException {
    Mailboxes.Owner bob = Mailboxes.Owner.of(WebFixture.BOB);
    fixture.web.mailboxes().deliver(WebFixture.BOB, List.of(WebFixture.BOB), ("From: " + WebFixture.BOB
        + "\r\nSubject: Half written\r\n\r\nTo be continued.\r\n").getBytes(StandardCharsets.UTF_8));
    String id = fixture.web.mailboxes().list(bob).get(0).id();
    fixture.web.mailboxes().move(bob, Mailboxes.Standard.INBOX.folder(), List.of(id),
        Mailboxes.Standard.DRAFTS.folder());

    String page = WebClient.signedIn(fixture, WebFixture.BOB).get("/web/drafts").body();

    assertThat(page.replaceAll("\\s+", " ")).contains("Your mail programs keep 1 draft in your mailbox's",
        "href=\"/web/folder/Drafts\"");
  }

  @Test
  void savingADraftWithoutAnEncryptionCertificateIsRefused() throws IOException, SQLException {
    fixture.web.accounts().create("carol@example.org", "Carol", Accounts.Role.PERSON,
        WebFixture.PASSWORD.toCharArray());
    WebClient carol = WebClient.signedIn(fixture, "carol@example.org");

    HttpResponse<String> r = post(carol, List.of(Map.entry("to", WebFixture.BOB), Map.entry("subject", "No cert"),
        Map.entry("action", "save")), List.of(file("a.txt", "a")));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("you have none", "Nothing was saved");
    assertThat(draftRows("carol@example.org")).isEmpty();
  }

  @Test
  void bobCannotOpenSendOrDeleteAlicesDraft() throws IOException {
    String id = saveDraft("Alice's draft", "mine", List.of(file("mine.txt", "alice only")));
    WebClient bob = WebClient.unlocked(fixture, WebFixture.BOB);

    assertThat(bob.get("/web/compose?draft=" + id).statusCode()).isEqualTo(404);
    HttpResponse<String> r = post(bob, List.of(Map.entry("draft", id), Map.entry("keep", "0"),
        Map.entry("to", WebFixture.BOB), Map.entry("action", "send")), List.of());
    assertThat(r.statusCode()).isEqualTo(404);
    bob.submit("/web/drafts", "/web/drafts/" + id + "/delete", Map.of());
    assertThat(alice.get("/web/drafts").body()).contains("draft=" + id);
  }

  @Test
  void aSendRefusedForAMissingCertificateKeepsTheAttachmentsSoContinueEncryptionSendsThem() throws IOException {
    HttpResponse<String> refused = post(alice, List.of(Map.entry("to", WebFixture.BOB + ", carol@elsewhere.example"),
        Map.entry("subject", "Two readers"), Map.entry("body", "b"), Map.entry("encrypt", "1"),
        Map.entry("action", "send")), List.of(file("both.txt", "for both")));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("carol@elsewhere.example", "kept as a draft", "both.txt");
    Matcher m = HIDDEN_DRAFT.matcher(refused.body());
    assertThat(m.find()).isTrue();
    int before = fixture.web.mailboxes().list(WebFixture.BOB).size();

    HttpResponse<String> sent = post(alice, List.of(Map.entry("draft", m.group(1)), Map.entry("keep", "0"),
        Map.entry("to", WebFixture.BOB + ", carol@elsewhere.example"), Map.entry("subject", "Two readers"),
        Map.entry("body", "b"), Map.entry("encrypt", "1"), Map.entry("continue", "1")), List.of());
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(303);
    assertThat(fixture.web.mailboxes().list(WebFixture.BOB)).hasSize(before + 1);
    WebClient bob = WebClient.unlocked(fixture, WebFixture.BOB);
    String id = fixture.newest(WebFixture.BOB).id();
    assertThat(bob.get("/web/mail/" + id).body()).contains("both.txt");
  }
}
