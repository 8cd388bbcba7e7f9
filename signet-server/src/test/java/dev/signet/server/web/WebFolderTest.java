package dev.signet.server.web;

import static dev.signet.server.web.WebFixture.ALICE;
import static dev.signet.server.web.WebFixture.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Folders, flags and Sent in the web mail: what a person does to their messages, kept in their mailbox. */
class WebFolderTest {
  private static WebFixture fixture;
  private static WebClient bob;
  private static final Mailboxes.Owner BOBS_MAILBOX = Mailboxes.Owner.of(BOB);

  @BeforeAll
  static void start() throws IOException {
    fixture = WebFixture.start();
    bob = WebClient.signedIn(fixture, BOB);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  /** Delivers a note to Bob and gives its id in his INBOX. */
  private static String delivered(String subject) {
    fixture.deliverPlain(ALICE, BOB, subject, "about " + subject);
    return fixture.web.mailboxes().list(BOB).stream().filter(m -> subject(m).equals(subject)).findFirst()
        .orElseThrow().id();
  }

  private static String subject(Mailboxes.Message m) {
    String text = new String(m.raw(), StandardCharsets.UTF_8);
    int at = text.indexOf("Subject: ");
    return text.substring(at + 9, text.indexOf("\r\n", at));
  }

  private static Optional<Mailboxes.Message> in(String folder, String id) {
    return fixture.web.mailboxes().fetch(BOBS_MAILBOX, folder, id);
  }

  private static HttpResponse<String> act(String folder, String action, List<String> ids, String... more)
      throws IOException {
    String page = FolderPages.href(folder);
    List<Map.Entry<String, String>> fields = new ArrayList<>();
    ids.forEach(id -> fields.add(Map.entry("id", id)));
    fields.add(Map.entry("action", action));
    for (int i = 0; i + 1 < more.length; i += 2) {
      fields.add(Map.entry(more[i], more[i + 1]));
    }
    return bob.postMultipart(page, FolderPages.actHref(folder), fields, List.of());
  }

  private static int unread(String folder) {
    return fixture.web.mailboxes().folders(BOBS_MAILBOX).stream().filter(f -> f.name().equals(folder)).findFirst()
        .orElseThrow().unread();
  }

  @Test
  void deleteMovesTheMessageToTrashAndRestoreBringsItBack() throws IOException {
    String id = delivered("To be deleted");

    assertThat(act("INBOX", "delete", List.of(id)).statusCode()).isEqualTo(303);
    assertThat(in("INBOX", id)).isEmpty();
    assertThat(in("Trash", id)).isPresent();
    assertThat(bob.get("/web/folder/Trash").body()).contains("To be deleted", "id=\"restore\"");

    act("Trash", "restore", List.of(id));
    assertThat(in("INBOX", id)).isPresent();
    assertThat(bob.get("/web/inbox").body()).contains("To be deleted");
  }

  @Test
  void deleteInTrashAsksFirstThenDeletesForGood() throws IOException {
    String id = delivered("Gone for good");
    act("INBOX", "delete", List.of(id));

    HttpResponse<String> asked = act("Trash", "delete", List.of(id));
    assertThat(asked.body()).contains("deleted for good", "id=\"destroy\"");
    assertThat(in("Trash", id)).isPresent();

    assertThat(act("Trash", "destroy", List.of(id), "confirmed", "1").statusCode()).isEqualTo(303);
    assertThat(in("Trash", id)).isEmpty();
  }

  @Test
  void deleteForGoodIsRefusedOutsideTrashAndWithoutConfirmation() throws IOException {
    String id = delivered("Not destroyed");

    assertThat(act("INBOX", "destroy", List.of(id), "confirmed", "1").statusCode()).isEqualTo(400);
    act("INBOX", "delete", List.of(id));
    assertThat(act("Trash", "destroy", List.of(id)).statusCode()).isEqualTo(400);
    assertThat(in("Trash", id)).isPresent();
  }

  @Test
  void archiveMovesTheMessageToArchive() throws IOException {
    String id = delivered("For the archive");

    act("INBOX", "archive", List.of(id));

    assertThat(in("Archive", id)).isPresent();
    assertThat(bob.get("/web/folder/Archive").body()).contains("For the archive");
  }

  @Test
  void moveTakesTheMessageToTheChosenFolder() throws IOException {
    bob.submit("/web/folders", "/web/folders", Map.of("name", "Projects"));
    String id = delivered("Project plan");

    act("INBOX", "move", List.of(id), "to", "Projects");

    assertThat(in("Projects", id)).isPresent();
    assertThat(in("INBOX", id)).isEmpty();
    String page = bob.get("/web/folder/Projects").body();
    assertThat(page).contains("Project plan", "href=\"/web/mail/" + id + "?folder=Projects\"");
  }

  @Test
  void severalChosenMessagesAreArchivedAtOnce() throws IOException {
    String one = delivered("Batch one");
    String two = delivered("Batch two");
    String three = delivered("Batch three");

    act("INBOX", "archive", List.of(one, two));

    assertThat(in("Archive", one)).isPresent();
    assertThat(in("Archive", two)).isPresent();
    assertThat(in("INBOX", three)).isPresent();
  }

  @Test
  void openingAMessageMarksItReadAndMarkUnreadMarksItAgain() throws IOException {
    String id = delivered("Count me");
    int before = unread("INBOX");
    assertThat(bob.get("/web/inbox").body()).contains("id=\"unread-INBOX\">" + before + " unread");

    bob.get("/web/mail/" + id);
    assertThat(unread("INBOX")).isEqualTo(before - 1);
    assertThat(in("INBOX", id).orElseThrow().seen()).isTrue();

    act("INBOX", "unread", List.of(id));
    assertThat(unread("INBOX")).isEqualTo(before);
    assertThat(bob.get("/web/inbox").body()).contains("id=\"unread-INBOX\">" + before + " unread");
  }

  @Test
  void anUnreadRowIsBoldAndSaysUnread() throws IOException {
    String id = delivered("Still unread");

    String page = bob.get("/web/inbox").body();

    assertThat(page).containsPattern("<tr class=\"[^\"]*unread\">\\s*<td><input type=\"checkbox\" name=\"id\" value=\""
        + id + "\"[^>]*></td>\\s*<td class=\"marks\"><span class=\"mark unread\">unread</span>");
  }

  @Test
  void aFlaggedMessageShowsItsFlagUntilUnflagged() throws IOException {
    String id = delivered("Important");

    act("INBOX", "flag", List.of(id), "from", "message");
    assertThat(in("INBOX", id).orElseThrow().flagged()).isTrue();
    assertThat(bob.get("/web/mail/" + id).body()).contains("id=\"flagged\"");

    act("INBOX", "unflag", List.of(id));
    assertThat(in("INBOX", id).orElseThrow().flagged()).isFalse();
  }

  @Test
  void aMessagePageOffersOnlyTheChangesThatWouldChangeSomething() throws IOException {
    String id = delivered("Offered as it stands");

    assertThat(bob.get("/web/mail/" + id).body()).contains("id=\"mark-unread\"", "id=\"flag\"")
        .doesNotContain("id=\"mark-read\"", "id=\"unflag\"");
    act("INBOX", "flag", List.of(id));
    assertThat(bob.get("/web/mail/" + id).body()).contains("id=\"unflag\"").doesNotContain("id=\"flag\"");
  }

  @Test
  void aPersonMakesRenamesAndDeletesTheirOwnFolder() throws IOException {
    bob.submit("/web/folders", "/web/folders", Map.of("name", "Receipts 2026"));
    assertThat(bob.get("/web/folders").body()).contains("href=\"/web/folder/Receipts%202026\"");
    String id = delivered("A receipt");
    act("INBOX", "move", List.of(id), "to", "Receipts 2026");

    bob.submit("/web/folders", "/web/folders/rename", Map.of("name", "Receipts 2026", "to", "Paid"));
    assertThat(in("Paid", id)).isPresent();
    assertThat(bob.get("/web/folder/Receipts%202026").statusCode()).isEqualTo(404);

    bob.submit("/web/folders", "/web/folders/delete", Map.of("name", "Paid"));
    assertThat(bob.get("/web/folder/Paid").statusCode()).isEqualTo(404);
    assertThat(in("Trash", id)).as("what a deleted folder held").isPresent();
  }

  @Test
  void aStandardFolderCannotBeDeletedRenamedOrMadeAgain() throws IOException {
    assertThat(bob.submit("/web/folders", "/web/folders/delete", Map.of("name", "Sent")).statusCode()).isEqualTo(400);
    assertThat(bob.submit("/web/folders", "/web/folders/rename", Map.of("name", "Trash", "to", "Bin")).statusCode())
        .isEqualTo(400);
    assertThat(bob.submit("/web/folders", "/web/folders", Map.of("name", "archive")).statusCode()).isEqualTo(400);
    assertThat(bob.get("/web/folders").body()).contains("id=\"folder-Sent\"", "id=\"folder-Trash\"",
        "id=\"folder-Archive\"", "id=\"folder-Drafts\"");
  }

  @Test
  void anotherPersonsFolderAndMessagesCannotBeReached() throws IOException {
    fixture.web.mailboxes().createFolder(Mailboxes.Owner.of(ALICE), "Private");
    fixture.deliverPlain(BOB, ALICE, "For Alice only", "secret");
    String alices = fixture.web.mailboxes().list(ALICE).get(0).id();

    assertThat(bob.get("/web/folder/Private").statusCode()).isEqualTo(404);
    assertThat(bob.get("/web/mail/" + alices).statusCode()).isEqualTo(404);
    act("INBOX", "archive", List.of(alices));
    act("INBOX", "move", List.of(alices), "to", "Private");

    assertThat(fixture.web.mailboxes().fetch(Mailboxes.Owner.of(ALICE), "INBOX", alices)).isPresent();
  }

  @Test
  void sentKeepsWhatTheWebSent() throws IOException {
    WebClient alice = WebClient.signedIn(fixture, ALICE);
    assertThat(alice.submit("/web/compose", "/web/compose", Map.of("to", BOB, "subject", "Kept in Sent", "body",
        "a copy stays with me")).statusCode()).isEqualTo(303);

    Mailboxes.Page sent = fixture.web.mailboxes().page(Mailboxes.Owner.of(ALICE), "Sent", 0, 10);
    assertThat(sent.messages()).hasSize(1);
    assertThat(sent.messages().get(0).seen()).isTrue();
    assertThat(new String(sent.messages().get(0).raw(), StandardCharsets.UTF_8)).contains("Subject: Kept in Sent");
    assertThat(alice.get("/web/folder/Sent").body()).contains("Kept in Sent");
    assertThat(alice.get("/web/sent").body()).as("the record receipts are checked against").contains("Kept in Sent");
  }
}
