package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.KeyType;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import dev.signet.server.Organisation;
import dev.signet.server.OrganisationDirectory;
import dev.signet.server.Service;
import dev.signet.server.ServiceConfig;
import dev.signet.server.mail.MailServiceConfig;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web's folders are the mailbox's: on the organisation's embedded mail server, a mail program
 * (Angus Mail over IMAPS) sees the folders, moves and flags the web made, and the web what it set.
 */
class WebFoldersOverImapTest {
  private static final String PASSWORD = "demo password 1";
  private static final String ALICE = "alice@example.org";
  private static final String BOB = "bob@example.org";
  private static final Pattern LINK = Pattern.compile("data-row href=\"/web/mail/([0-9]+)\">([^<]*)<");
  private static Organisation organisation;
  private static Service service;
  private static X509Certificate root;

  @BeforeAll
  static void start(@TempDir Path data) {
    try (CertificateAuthority ca = CertificateAuthority.open(CaDatabase.inDataFolder(data))) {
      List<X509Certificate> chain = ca.init("CN=Example.org CA,O=example.org", KeyType.EC_P384,
          "http://127.0.0.1:1", PASSWORD.toCharArray(), "test").caChain();
      root = chain.get(chain.size() - 1);
    }
    organisation = Organisation.demo(CaDatabase.inDataFolder(data), MailServiceConfig.defaults(data.resolve("mail"))
        .withHost("127.0.0.1").withPorts(0, 0, 0, 0), OrganisationDirectory.embedded(0), PASSWORD.toCharArray());
    service = Service.start(ServiceConfig.defaults(data).withHost("127.0.0.1").withPorts(0, 0)
        .withParts(List.of(organisation)), PASSWORD.toCharArray());
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static WebClient signedIn(String address) throws IOException {
    WebClient c = new WebClient(path -> "https://127.0.0.1:" + service.httpsPort() + path, root);
    assertThat(c.post("/web/signin", Map.of("email", address, "password", PASSWORD, "csrf", c.csrf("/web/signin")))
        .statusCode()).isEqualTo(303);
    return c;
  }

  private static Store imap(String address) throws MessagingException {
    Properties p = new Properties();
    p.put("mail.imaps.ssl.socketFactory", WebClient.trusting(root).getSocketFactory());
    Store store = Session.getInstance(p).getStore("imaps");
    store.connect("127.0.0.1", organisation.imapsPort(), address, PASSWORD);
    return store;
  }

  /** Alice sends Bob a plain note through the web; its id in Bob's web inbox. */
  private static String sentToBob(WebClient alice, WebClient bob, String subject) throws IOException {
    assertThat(alice.submit("/web/compose", "/web/compose", Map.of("to", BOB, "subject", subject, "body", "hello"))
        .statusCode()).isEqualTo(303);
    Matcher m = LINK.matcher(bob.get("/web/inbox").body());
    while (m.find()) {
      if (m.group(2).equals(subject)) {
        return m.group(1);
      }
    }
    throw new AssertionError("no " + subject + " in Bob's inbox");
  }

  private static String act(WebClient who, String folder, String action, String id, String... more) throws IOException {
    Map<String, String> form = new java.util.LinkedHashMap<>(Map.of("id", id, "action", action));
    for (int i = 0; i + 1 < more.length; i += 2) {
      form.put(more[i], more[i + 1]);
    }
    return String.valueOf(who.submit(FolderPages.href(folder), FolderPages.actHref(folder), form).statusCode());
  }

  private static Message only(Folder folder, String subject) throws MessagingException {
    return Arrays.stream(folder.getMessages()).filter(m -> {
      try {
        return subject.equals(m.getSubject());
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).findFirst().orElseThrow(() -> new AssertionError("no " + subject + " in " + folder.getFullName()));
  }

  @Test
  void aMailProgramSeesTheFoldersMovesAndFlagsTheWebMade() throws Exception {
    WebClient alice = signedIn(ALICE);
    WebClient bob = signedIn(BOB);
    String id = sentToBob(alice, bob, "Filed by the web");
    bob.submit("/web/folders", "/web/folders", Map.of("name", "Projects"));
    assertThat(act(bob, "INBOX", "move", id, "to", "Projects")).isEqualTo("303");
    // a UID is the folder's: the moved message's id is read from its new folder's page
    Matcher m = Pattern.compile("data-row href=\"/web/mail/([0-9]+)\\?folder=Projects\">Filed by the web<")
        .matcher(bob.get("/web/folder/Projects").body());
    assertThat(m.find()).as("the message in Projects").isTrue();
    bob.get("/web/mail/" + m.group(1) + "?folder=Projects"); // opened: seen
    assertThat(act(bob, "Projects", "flag", m.group(1))).isEqualTo("303");

    try (Store store = imap(BOB)) {
      assertThat(Arrays.stream(store.getDefaultFolder().list("%")).map(Folder::getName))
          .contains("INBOX", "Drafts", "Sent", "Archive", "Trash", "Projects");
      Folder projects = store.getFolder("Projects");
      projects.open(Folder.READ_ONLY);
      Message filed = only(projects, "Filed by the web");
      assertThat(filed.isSet(Flags.Flag.SEEN)).isTrue();
      assertThat(filed.isSet(Flags.Flag.FLAGGED)).isTrue();
      projects.close(false);
    }
    try (Store store = imap(ALICE)) {
      Folder sent = store.getFolder("Sent");
      sent.open(Folder.READ_ONLY);
      assertThat(only(sent, "Filed by the web").isSet(Flags.Flag.SEEN)).isTrue();
      sent.close(false);
    }
  }

  @Test
  void flagsAMailProgramSetsShowInTheWeb() throws Exception {
    WebClient alice = signedIn(ALICE);
    WebClient bob = signedIn(BOB);
    String id = sentToBob(alice, bob, "Flagged in a mail program");
    assertThat(bob.get("/web/inbox").body()).containsPattern(marks(id) + "<span class=\"mark unread\">");

    try (Store store = imap(BOB)) {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      Message m = only(inbox, "Flagged in a mail program");
      m.setFlags(new Flags(Flags.Flag.FLAGGED), true);
      m.setFlags(new Flags(Flags.Flag.SEEN), true);
      inbox.close(false);
    }

    assertThat(bob.get("/web/inbox").body())
        .containsPattern(marks(id) + "\\s*<span class=\"mark flagged\">flagged</span>");
  }

  /** Where the marks of message {@code id}'s row begin. */
  private static String marks(String id) {
    return "value=\"" + id + "\"[^>]*></td>\\s*<td class=\"marks\">";
  }
}
