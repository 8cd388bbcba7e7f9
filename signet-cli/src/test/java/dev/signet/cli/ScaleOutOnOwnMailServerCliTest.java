package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.testkit.CurlBrowser;
import dev.signet.testkit.PostgresServer;
import dev.signet.testkit.Slapd;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out on the organisation's own servers (issue 19): two `signet serve` nodes, as behind a load
 * balancer, over one PostgreSQL and one OpenLDAP, both sending through Postfix and reading from Dovecot
 * over IMAP with STARTTLS ({@link OwnMailServer}). Bob gets his digital ID on node B and Alice hers on
 * node A; what Alice signs and encrypts on node A, Bob reads on node B, and his session reaches node A.
 */
class ScaleOutOnOwnMailServerCliTest {
  private static final String ALICE = "alice@example.org";
  private static final String BOB = "bob@example.org";
  private static final String ADMIN = "admin@example.org";
  private static final Map<String, String> MAIL_PASSWORDS = Map.of(ALICE, "alice's dovecot password",
      BOB, "bob's dovecot password", ADMIN, "admin's dovecot password");
  private static final String LDAP_PASSWORD = "directory admin password";
  private static final String SUFFIX = "dc=example,dc=org";
  private static final String ID_PASSWORD = "digital-ID password 1";
  /** Dovecot's line for a login, naming TLS when the connection had it (else "secured" on loopback). */
  private static final Pattern LOGIN = Pattern.compile("Login: user=<[^>]+>, [^\n]*");
  private static OwnMailServer mail;
  private static Slapd slapd;
  private static PostgresServer postgres;
  private static ServeFixture nodeA;
  private static ServeFixture nodeB;
  private static CurlBrowser alice;
  private static CurlBrowser bob;

  @TempDir Path dir;

  @BeforeAll
  static void start(@TempDir Path shared) {
    Slapd.require();
    mail = OwnMailServer.start(shared, MAIL_PASSWORDS);
    slapd = Slapd.start(shared.resolve("slapd"), SUFFIX, LDAP_PASSWORD);
    postgres = PostgresServer.start();
    nodeA = ServeFixture.start("CN=Scale-Out Own Mail Server CA", postgres.newDatabase(), Map.of("SIGNET_LDAP_PASSWORD",
        LDAP_PASSWORD, "SIGNET_ADMIN_EMAIL", ADMIN, "SIGNET_ADMIN_PASSWORD", MAIL_PASSWORDS.get(ADMIN)), options());
    nodeB = nodeA.anotherNode(Map.of("SIGNET_LDAP_PASSWORD", LDAP_PASSWORD), options());
    CurlBrowser admin = mail.signedIn(shared, nodeA, ADMIN);
    for (String person : List.of(ALICE, BOB)) {
      assertThat(admin.submit("/web/admin/people", "/web/admin/people", Map.of("email", person, "name", person, "role",
          "person", "password", MAIL_PASSWORDS.get(person)))).as("the administrator adds %s", person).isEqualTo("303");
    }
    bob = mail.signedIn(shared, nodeB, BOB);
    getsDigitalId(bob, BOB);
    alice = mail.signedIn(shared, nodeA, ALICE);
    getsDigitalId(alice, ALICE);
  }

  /** Both nodes alike: Postfix, Dovecot's STARTTLS port, the one OpenLDAP. */
  private static List<String> options() {
    List<String> options = new ArrayList<>(mail.serveOptions(mail.imapStartTls()));
    options.addAll(List.of("--ldap-url", slapd.url().toString(), "--ldap-bind-dn", slapd.adminDn()));
    return options;
  }

  /** Enrolls with a token from the administrator on the Digital IDs page, and unlocks the ID for the session. */
  private static void getsDigitalId(CurlBrowser browser, String person) {
    assertThat(browser.submit("/web/ids", "/web/ids/enroll", Map.of("token", nodeA.token(person), "password",
        ID_PASSWORD))).as("%s enrolls", person).isEqualTo("200");
    assertThat(browser.submit("/web/ids", "/web/ids/unlock", Map.of("password", ID_PASSWORD)))
        .as("%s unlocks the ID", person).isEqualTo("303");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    for (ServeFixture node : new ServeFixture[] {nodeB, nodeA}) {
      if (node != null) {
        node.close();
      }
    }
    for (AutoCloseable server : new AutoCloseable[] {postgres, slapd, mail}) {
      try {
        if (server != null) {
          server.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Alice, on node A, sends Bob a signed and encrypted message through Postfix. */
  private static void aliceSends(String subject, String body) {
    String status = alice.submitMultipart("/web/compose", "/web/compose", Map.of("draft", "", "to", BOB, "subject",
        subject, "body", body, "sign", "1", "encrypt", "1", "action", "send"));
    assertThat(status).as("Alice sends \"%s\"; the mail server's log:%n%s", subject, mail.log()).isEqualTo("303");
  }

  @Test
  void whatAliceSignsAndEncryptsOnNodeABobReadsOnNodeBDecryptedAndVerified() {
    aliceSends("Across two nodes", "Sent through node A and Postfix.");

    String page = mail.messageShowing(bob, "Sent through node A and Postfix.");

    assertThat(page).contains("Signed by: " + ALICE, "valid signature, trusted", "Encrypted with");
  }

  @Test
  void theSessionBobOpenedOnNodeBReadsHisEncryptedMailOnNodeA() {
    aliceSends("One session, two nodes", "Read on either node.");

    String page = mail.messageShowing(bob.at(nodeA.server()), "Read on either node.");

    assertThat(page).contains("Signed by: " + ALICE, "Encrypted with");
  }

  @Test
  void everySignInLogsInToDovecotOverStartTls() throws IOException {
    mail.dovecot().awaitLogged(LOGIN);
    List<String> logins = LOGIN.matcher(mail.dovecot().log()).results().map(MatchResult::group).toList();

    assertThat(logins).as("Dovecot's logins").isNotEmpty().allMatch(l -> l.contains(", TLS"));
  }
}
