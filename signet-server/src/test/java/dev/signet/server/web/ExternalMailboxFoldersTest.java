package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.mail.transport.Login;
import dev.signet.mail.transport.MailTransport;
import dev.signet.mail.transport.ServerTrust;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders and flags on the organisation's own IMAP server, as the web UI keeps them there. */
class ExternalMailboxFoldersTest {
  private static final String CAROL = "carol@example.org";
  private static final String DAN = "dan@example.org";
  private static final Map<String, String> PASSWORDS = Map.of(CAROL, "carol's mail password", DAN,
      "dan's mail password");
  private static OrganisationMailServer server;
  private static Mailboxes mailboxes;

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    server = OrganisationMailServer.start(dir.resolve("mail"), PASSWORDS);
    mailboxes = Mailboxes.atMailServers(MailTransport.trusting(ServerTrust.anchoredAt(List.of(server.root()))),
        server.smtps(), server.imaps());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Mailboxes.Owner owner(String address) {
    return new Mailboxes.Owner(address, Optional.of(new Login(address, PASSWORDS.get(address).toCharArray())));
  }

  private static String delivered(String to, String subject) {
    mailboxes.deliver(owner(DAN), List.of(to), ("Subject: " + subject + "\r\n\r\nbody\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    return mailboxes.list(owner(to)).stream().filter(m -> new String(m.raw(), StandardCharsets.US_ASCII)
        .contains("Subject: " + subject + "\r\n")).findFirst().orElseThrow().id();
  }

  private static Mailboxes.Message only(String address, String folder) {
    List<Mailboxes.Message> all = mailboxes.page(owner(address), folder, 0, 10).messages();
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  @Test
  void everyoneHasTheStandardFoldersMadeOnFirstUse() {
    assertThat(mailboxes.folders(owner(DAN))).extracting(Mailboxes.Folder::name)
        .startsWith("INBOX", "Drafts", "Sent", "Archive", "Trash");
  }

  @Test
  void aMessageMovedFlaggedAndReadKeepsThatOnTheServer() {
    mailboxes.createFolder(owner(CAROL), "Travel");
    String id = delivered(CAROL, "Tickets");

    mailboxes.move(owner(CAROL), "INBOX", List.of(id), "Travel");
    Mailboxes.Message moved = only(CAROL, "Travel");
    mailboxes.mark(owner(CAROL), "Travel", List.of(moved.id()), Mailboxes.Flag.FLAGGED, true);
    mailboxes.mark(owner(CAROL), "Travel", List.of(moved.id()), Mailboxes.Flag.SEEN, true);

    assertThat(mailboxes.fetch(owner(CAROL), "Travel", moved.id())).hasValueSatisfying(m -> {
      assertThat(m.flagged()).isTrue();
      assertThat(m.seen()).isTrue();
    });
    assertThat(mailboxes.fetch(owner(CAROL), "INBOX", id)).isEmpty();
    assertThat(mailboxes.folders(owner(CAROL))).filteredOn(f -> f.name().equals("Travel"))
        .extracting(Mailboxes.Folder::unread).containsExactly(0);
  }

  @Test
  void aMessageDeletedForGoodIsGone() {
    mailboxes.move(owner(DAN), "INBOX", List.of(delivered(DAN, "Spam")), "Trash");
    List<String> trashed = mailboxes.page(owner(DAN), "Trash", 0, 10).messages().stream()
        .filter(m -> subject(m).equals("Spam")).map(Mailboxes.Message::id).toList();
    assertThat(trashed).hasSize(1);

    mailboxes.destroy(owner(DAN), "Trash", trashed);

    assertThat(mailboxes.page(owner(DAN), "Trash", 0, 10).messages()).noneMatch(m -> subject(m).equals("Spam"));
  }

  private static String subject(Mailboxes.Message m) {
    String text = new String(m.raw(), StandardCharsets.US_ASCII);
    int at = text.indexOf("Subject: ");
    return at < 0 ? "" : text.substring(at + 9, text.indexOf("\r\n", at));
  }

  @Test
  void sentMailIsKeptSeenInSent() {
    mailboxes.keepSent(owner(CAROL), "Subject: Sent by me\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII));

    Mailboxes.Message kept = only(CAROL, "Sent");
    assertThat(kept.seen()).isTrue();
    assertThat(new String(kept.raw(), StandardCharsets.US_ASCII)).contains("Subject: Sent by me");
  }

  @Test
  void anOwnFolderIsRenamedAndDeletedItsMessagesGoingToTrash() {
    mailboxes.createFolder(owner(DAN), "Old");
    mailboxes.move(owner(DAN), "INBOX", List.of(delivered(DAN, "Kept a while")), "Old");

    mailboxes.renameFolder(owner(DAN), "Old", "Older");
    assertThat(mailboxes.folders(owner(DAN))).extracting(Mailboxes.Folder::name).contains("Older")
        .doesNotContain("Old");
    mailboxes.deleteFolder(owner(DAN), "Older");

    assertThat(mailboxes.folders(owner(DAN))).extracting(Mailboxes.Folder::name).doesNotContain("Older");
    assertThat(mailboxes.page(owner(DAN), "Trash", 0, 10).messages()).anySatisfy(m ->
        assertThat(new String(m.raw(), StandardCharsets.US_ASCII)).contains("Subject: Kept a while"));
    assertThatThrownBy(() -> mailboxes.deleteFolder(owner(DAN), "Trash")).isInstanceOf(IllegalArgumentException.class);
  }
}
