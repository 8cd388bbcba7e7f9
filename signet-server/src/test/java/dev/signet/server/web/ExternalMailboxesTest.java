package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.KeyType;
import dev.signet.mail.transport.Login;
import dev.signet.mail.transport.MailTransport;
import dev.signet.mail.transport.ServerTrust;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI's mailboxes on the organisation's own mail server (here our mail service standing for
 * it: SMTPS and IMAPS with a certificate from a CA of its own), logged in as each person.
 */
class ExternalMailboxesTest {
  private static final Map<String, String> PASSWORDS = Map.of("alice@example.org", "alice's mail password",
      "bob@example.org", "bob's mail password");
  private static OrganisationMailServer server;
  private static X509Certificate otherRoot;

  @BeforeAll
  static void start(@TempDir Path dir) {
    server = OrganisationMailServer.start(dir.resolve("mail"), PASSWORDS);
    try (CertificateAuthority other = CertificateAuthority.open(CaDatabase.inDataFolder(dir.resolve("other")))) {
      List<X509Certificate> chain = other.init("CN=Another CA", KeyType.EC_P384, "http://127.0.0.1:1",
          "pass".toCharArray(), "test").caChain();
      otherRoot = chain.get(chain.size() - 1);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Mailboxes trusting(X509Certificate root) throws IOException {
    return Mailboxes.atMailServers(MailTransport.trusting(ServerTrust.anchoredAt(List.of(root))), server.smtps(),
        server.imaps());
  }

  private static Mailboxes.Owner owner(String address) {
    return new Mailboxes.Owner(address, Optional.of(new Login(address, PASSWORDS.get(address).toCharArray())));
  }

  @Test
  void aMessageSentThroughSmtpIsReadBackOverImapByteForByte() throws IOException {
    byte[] sent = ("From: alice@example.org\r\nTo: bob@example.org\r\nSubject: Exact bytes\r\n\r\nkept as sent\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    Mailboxes mailboxes = trusting(server.root());

    mailboxes.deliver(owner("alice@example.org"), List.of("bob@example.org"), sent);
    Mailboxes.Message read = mailboxes.list(owner("bob@example.org")).get(0);

    String text = new String(read.raw(), StandardCharsets.US_ASCII);
    assertThat(text).endsWith(new String(sent, StandardCharsets.US_ASCII)); // after the server's trace fields
    assertThat(mailboxes.fetch(owner("bob@example.org"), read.id())).hasValueSatisfying(m ->
        assertThat(m.raw()).isEqualTo(read.raw()));
  }

  @Test
  void aPageOfTheMailboxIsTheSameMessagesAsTheWholeListHoldsThere() throws IOException {
    Mailboxes mailboxes = trusting(server.root());
    for (int i = 0; i < 5; i++) {
      mailboxes.deliver(owner("alice@example.org"), List.of("bob@example.org"),
          ("Subject: page " + i + "\r\n\r\nnumber " + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
    List<String> all = ids(mailboxes.list(owner("bob@example.org")));

    Mailboxes.Page page = mailboxes.page(owner("bob@example.org"), 1, 2);

    assertThat(page.total()).isEqualTo(all.size());
    assertThat(ids(page.messages())).isEqualTo(all.subList(1, 3));
  }

  @Test
  void aPageBeyondTheMailboxsEndIsEmptyButCountsTheMailbox() throws IOException {
    Mailboxes mailboxes = trusting(server.root());
    mailboxes.deliver(owner("alice@example.org"), List.of("bob@example.org"),
        "Subject: one more\r\n\r\nthere\r\n".getBytes(StandardCharsets.US_ASCII));
    int total = mailboxes.list(owner("bob@example.org")).size();

    Mailboxes.Page page = mailboxes.page(owner("bob@example.org"), total, 50);

    assertThat(page.messages()).isEmpty();
    assertThat(page.total()).isEqualTo(total);
  }

  private static List<String> ids(List<Mailboxes.Message> messages) {
    return messages.stream().map(Mailboxes.Message::id).toList();
  }

  @Test
  void aMessageIdOfBobsMailboxOpensNothingInAlices() throws IOException {
    Mailboxes mailboxes = trusting(server.root());
    mailboxes.deliver(owner("alice@example.org"), List.of("bob@example.org"),
        "Subject: for Bob only\r\n\r\nprivate\r\n".getBytes(StandardCharsets.US_ASCII));
    String bobs = mailboxes.list(owner("bob@example.org")).get(0).id();

    assertThat(mailboxes.fetch(owner("alice@example.org"), bobs)).isEmpty();
  }

  @Test
  void theMailServerDecidesWhetherAPasswordIsRight() throws IOException {
    Mailboxes mailboxes = trusting(server.root());

    assertThat(mailboxes.checksPasswords()).isTrue();
    assertThat(mailboxes.accepts(new Login("alice@example.org", PASSWORDS.get("alice@example.org").toCharArray())))
        .isTrue();
    assertThat(mailboxes.accepts(new Login("alice@example.org", "a guess".toCharArray()))).isFalse();
  }

  @Test
  void aMailServerWhoseCertificateChainsToAnotherCaIsNotTrusted() throws IOException {
    Mailboxes mailboxes = trusting(otherRoot);

    assertThatThrownBy(() -> mailboxes.accepts(new Login("alice@example.org", "alice's mail password".toCharArray())))
        .isInstanceOfSatisfying(WebRefusal.class, e -> assertThat(e.status()).isEqualTo(503))
        .hasMessageContaining("TLS certificate is not trusted");
  }

  @Test
  void aMailboxIsNotOpenedWithoutItsOwnersLogin() throws IOException {
    Mailboxes mailboxes = trusting(server.root());

    assertThatThrownBy(() -> mailboxes.list(Mailboxes.Owner.of("bob@example.org")))
        .isInstanceOfSatisfying(WebRefusal.class, e -> assertThat(e.status()).isEqualTo(401));
  }
}
