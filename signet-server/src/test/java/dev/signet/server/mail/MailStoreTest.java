package dev.signet.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.Issuer;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What IMAP changes in the mail store, and what an earlier version kept, is there after a restart. */
class MailStoreTest {
  private static final String BOB = "bob@example.org";
  private static final Map<String, String> PASSWORDS = Map.of(BOB, "bob secret");
  private static final MailLogins LOGINS = (a, p) -> PASSWORDS.containsKey(a) && PASSWORDS.get(a).equals(new String(p));
  private static DigitalId tls;

  @TempDir Path dir;
  private MailService mail;

  @BeforeAll
  static void issueTlsCertificate(@TempDir Path caDir) {
    try (CertificateAuthority ca = CertificateAuthority.open(CaDatabase.inDataFolder(caDir))) {
      Issuer issuer = ca.init("CN=Mail Store Test CA", KeyType.EC_P384, "http://127.0.0.1:1",
          "mail store test CA".toCharArray(), "test");
      tls = issuer.serviceIdentity(List.of("localhost", "127.0.0.1"));
    }
  }

  @AfterEach
  void stop() {
    if (mail != null) {
      mail.close();
    }
  }

  private MailService restart() {
    if (mail != null) {
      mail.close();
    }
    mail = MailService.start(new MailServiceConfig(dir.resolve("mail"), "127.0.0.1", 0, 0, 0, 0), LOGINS, tls);
    mail.addMailbox(BOB);
    return mail;
  }

  private Store bob() throws MessagingException {
    Store store = Session.getInstance(new Properties()).getStore("imap");
    store.connect("127.0.0.1", mail.imapPort(), BOB, PASSWORDS.get(BOB));
    return store;
  }

  private static byte[] message(int n) {
    return ("From: alice@example.org\r\nTo: bob@example.org\r\nSubject: number " + n + "\r\nMessage-ID: <" + n
        + "@example.org>\r\n\r\nbody " + n + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] bytes(Message m) throws IOException, MessagingException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    return out.toByteArray();
  }

  @Test
  void flagsFoldersSubscriptionsCopiesAndMovesAreKeptAndUidsStayTheSame() throws Exception {
    restart();
    mail.deliver(List.of(BOB), message(1));
    mail.deliver(List.of(BOB), message(2));
    mail.deliver(List.of(BOB), message(3));
    long validity;
    try (Store store = bob()) {
      Folder archive = store.getFolder("Archive");
      assertThat(archive.create(Folder.HOLDS_MESSAGES)).isTrue();
      archive.setSubscribed(true);
      store.getFolder("Old").create(Folder.HOLDS_MESSAGES);
      store.getFolder("Gone").create(Folder.HOLDS_MESSAGES);
      store.getFolder("Gone").delete(false);
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      validity = ((UIDFolder) inbox).getUIDValidity();
      inbox.getMessage(1).setFlag(Flags.Flag.SEEN, true);
      inbox.getMessage(2).setFlags(new Flags(Flags.Flag.FLAGGED), true);
      inbox.copyMessages(new Message[] {inbox.getMessage(2)}, archive);
      inbox.copyMessages(new Message[] {inbox.getMessage(3)}, store.getFolder("Old"));
      inbox.getMessage(3).setFlag(Flags.Flag.DELETED, true);
      inbox.close(true); // expunges 3
      assertThat(store.getFolder("Old").renameTo(store.getFolder("Archive.Older"))).isTrue();
    }

    restart();

    try (Store store = bob()) {
      assertThat(Stream.of(store.getDefaultFolder().list("*")).map(Folder::getFullName))
          .contains("INBOX", "Archive", "Archive.Older").doesNotContain("Old", "Gone");
      assertThat(Stream.of(store.getDefaultFolder().listSubscribed("*")).map(Folder::getFullName))
          .containsExactly("Archive");
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      assertThat(((UIDFolder) inbox).getUIDValidity()).isEqualTo(validity);
      assertThat(inbox.getMessageCount()).isEqualTo(2);
      assertThat(((UIDFolder) inbox).getUID(inbox.getMessage(2))).isEqualTo(2);
      assertThat(inbox.getMessage(1).isSet(Flags.Flag.SEEN)).isTrue();
      assertThat(inbox.getMessage(2).isSet(Flags.Flag.FLAGGED)).isTrue();
      assertThat(inbox.getMessage(2).isSet(Flags.Flag.SEEN)).isFalse();
      assertThat(inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))).hasSize(1);
      assertThat(bytes(inbox.getMessage(2))).isEqualTo(message(2));

      Folder archive = store.getFolder("Archive");
      archive.open(Folder.READ_WRITE);
      assertThat(archive.getMessageCount()).isEqualTo(1);
      assertThat(archive.getMessage(1).isSet(Flags.Flag.FLAGGED)).isTrue();
      assertThat(bytes(archive.getMessage(1))).isEqualTo(message(2));
      Folder older = store.getFolder("Archive.Older");
      older.open(Folder.READ_ONLY);
      assertThat(bytes(older.getMessage(1))).isEqualTo(message(3));
      older.close(false);

      // IMAP MOVE (RFC 6851), which Angus Mail's IMAPFolder has beyond Jakarta Mail's Folder
      archive.getClass().getMethod("moveMessages", Message[].class, Folder.class)
          .invoke(archive, new Message[] {archive.getMessage(1)}, inbox);
      archive.close(false);
      inbox.close(false);
    }

    restart();

    assertThat(mail.folders(BOB).count("INBOX")).isEqualTo(3);
    assertThat(mail.inbox(BOB).stream().map(m -> m.uid())).containsExactly(1L, 2L, 4L); // UID 3 is never reused
    try (Store store = bob()) {
      Folder archive = store.getFolder("Archive");
      archive.open(Folder.READ_ONLY);
      assertThat(archive.getMessageCount()).isZero();
    }
  }

  @Test
  void anAppendIsKeptAndAnExpungedUidIsNotGivenAgainAfterARestart() throws Exception {
    restart();
    try (Store store = bob()) {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      inbox.appendMessages(new Message[] {new MimeMessage(null, new ByteArrayInputStream(message(7)))});
      inbox.getMessage(1).setFlag(Flags.Flag.DELETED, true);
      inbox.close(true);
    }

    restart();

    mail.deliver(List.of(BOB), message(8));
    assertThat(mail.inbox(BOB)).singleElement().satisfies(m -> {
      assertThat(m.uid()).isEqualTo(2);
      assertThat(m.raw()).isEqualTo(message(8));
    });
  }

  @Test
  void mailKeptByTheEarlierArchiveMovesIntoTheInboxOnceWithItsDate() throws Exception {
    Path legacy = Files.createDirectories(dir.resolve("mail").resolve(BOB));
    Instant sent = Instant.parse("2025-03-01T10:00:00Z");
    for (int n = 1; n <= 3; n++) {
      Path file = legacy.resolve(String.format("%012d.eml", n));
      Files.write(file, message(n));
      Files.setLastModifiedTime(file, FileTime.from(sent.plusSeconds(n)));
    }
    Files.write(legacy.resolve(".mail-123.part"), "torn".getBytes(StandardCharsets.US_ASCII));

    restart();
    restart();

    assertThat(mail.inbox(BOB)).extracting(MailService.Mail::uid).containsExactly(1L, 2L, 3L);
    assertThat(mail.inbox(BOB).get(0).raw()).isEqualTo(message(1));
    assertThat(mail.inbox(BOB).get(2).received()).isEqualTo(sent.plusSeconds(3));
    try (Stream<Path> left = Files.list(legacy)) {
      assertThat(left.map(p -> p.getFileName().toString()).filter(f -> !Files.isDirectory(legacy.resolve(f))))
          .isEmpty();
    }
  }

  @Test
  void aMessageACrashLeftHalfWrittenIsNotThere() throws Exception {
    restart();
    mail.deliver(List.of(BOB), message(1));
    mail.close();
    mail = null;
    Path inbox = dir.resolve("mail").resolve(BOB).resolve("sub").resolve("INBOX");
    Files.write(inbox.resolve("tmp").resolve("123.1.1"), Arrays.copyOf(message(2), 20));

    restart();

    assertThat(mail.inbox(BOB)).extracting(MailService.Mail::uid).containsExactly(1L);
    try (Stream<Path> staged = Files.list(inbox.resolve("tmp"))) {
      assertThat(staged).isEmpty();
    }
  }
}
