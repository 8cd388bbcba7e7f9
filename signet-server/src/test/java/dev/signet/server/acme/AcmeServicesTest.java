package dev.signet.server.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.Certificates;
import dev.signet.core.KeyType;
import dev.signet.mail.transport.Envelope;
import dev.signet.mail.transport.Login;
import dev.signet.mail.transport.MailServer;
import dev.signet.mail.transport.MailTransport;
import dev.signet.mail.transport.ServerTrust;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.EstClient;
import dev.signet.server.Service;
import dev.signet.server.ServiceConfig;
import dev.signet.server.mail.MailService;
import dev.signet.server.mail.MailServiceConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JoseUtils;

/** The ACME server driven by a real ACME client (acme4j), the challenge answered by mail as RFC 8823 says. */
class AcmeServicesTest {
  private static final char[] PASSPHRASE = "acme test passphrase".toCharArray();
  private static final String CHALLENGE_FROM = "acme-challenge@example.org";
  private static final String MAIL_PASSWORD = "mailbox password";
  private static Service service;
  private static MailService mail;
  private static CertificateAuthority ca;
  private static X509Certificate root;
  private static SSLContext before;

  @BeforeAll
  static void start() throws Exception {
    Path data = Files.createTempDirectory("signet-acme");
    try (CertificateAuthority setup = CertificateAuthority.open(CaDatabase.inDataFolder(data))) {
      setup.init("CN=ACME Test CA", KeyType.EC_P384, "http://127.0.0.1:8080", PASSPHRASE, "test");
      root = setup.caCertificates().get(1);
    }
    AtomicReference<ChallengeMail> challengeMail = new AtomicReference<>();
    service = Service.start(ServiceConfig.defaults(data).withHost("127.0.0.1").withPorts(0, 0)
        .withParts(List.of(new AcmeServices(challengeMail::get))), PASSPHRASE);
    ca = CertificateAuthority.open(CaDatabase.inDataFolder(data));
    mail = MailService.start(MailServiceConfig.defaults(data.resolve("mail")).withHost("127.0.0.1").withPorts(0, 0, 0, 0),
        (address, password) -> new String(password).equals(MAIL_PASSWORD), ca.unlock(PASSPHRASE).serviceIdentity(List.of("127.0.0.1")));
    challengeMail.set(new EmbeddedChallengeMail(mail, CHALLENGE_FROM));
    before = SSLContext.getDefault();
    SSLContext.setDefault(trusting(root)); // acme4j's HTTP client uses the default context
  }

  @AfterAll
  static void stop() {
    SSLContext.setDefault(before);
    mail.close();
    ca.close();
    service.close();
  }

  private static SSLContext trusting(X509Certificate anchor) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("root", anchor);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  private static KeyPair ecKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static Session session() {
    return new Session(URI.create("https://127.0.0.1:" + service.httpsPort() + AcmeServices.DIRECTORY));
  }

  /**
   * What the person's mail client does (RFC 8823 3.2): reply to the challenge with the key
   * authorization's digest, submitted over SMTP logged in as {@code sender}.
   */
  private static void reply(String person, KeyPair accountKey, Challenge challenge) throws Exception {
    reply(person, person, accountKey, challenge);
  }

  private static void reply(String sender, String person, KeyPair accountKey, Challenge challenge) throws Exception {
    String from = challenge.getJSON().get("from").asString();
    mail.addMailbox(sender);
    try (Login login = new Login(sender, MAIL_PASSWORD.toCharArray())) {
      MailTransport.trusting(ServerTrust.anchoredAt(List.of(root))).submit(
          MailServer.smtp("smtp://127.0.0.1:" + mail.smtpPort()), login, new Envelope(sender, List.of(from)),
          replyMessage(person, accountKey, challenge));
    }
  }

  private static byte[] replyMessage(String person, KeyPair accountKey, Challenge challenge) throws Exception {
    String subject = mail.inbox(person).stream().map(m -> new String(m.raw(), StandardCharsets.UTF_8))
        .flatMap(String::lines).filter(l -> l.startsWith("Subject: ACME: ")).findFirst().orElseThrow();
    String tokenPart1 = subject.substring("Subject: ACME: ".length()).strip();
    String keyAuthorization = tokenPart1 + challenge.getJSON().get("token").asString() + "."
        + Base64.getUrlEncoder().withoutPadding().encodeToString(JoseUtils.thumbprint(accountKey.getPublic()));
    String digest = Base64.getUrlEncoder().withoutPadding().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(keyAuthorization.getBytes(StandardCharsets.US_ASCII)));
    String from = challenge.getJSON().get("from").asString();
    String message = "From: " + person + "\r\nTo: " + from + "\r\nSubject: Re: ACME: " + tokenPart1 + "\r\n"
        + "Content-Type: text/plain\r\n\r\n-----BEGIN ACME RESPONSE-----\r\n" + digest + "\r\n-----END ACME RESPONSE-----\r\n";
    return message.getBytes(StandardCharsets.UTF_8);
  }

  private static Account account(KeyPair accountKey) throws Exception {
    return new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey).create(session());
  }

  private static Order order(Account account, String person) throws Exception {
    return account.newOrder().identifier(new Identifier("email", person)).create();
  }

  /** An order for {@code person} by a new account: the account's key, the order, its authorization and challenge. */
  private record Ordered(KeyPair accountKey, Order order, Authorization authorization, Challenge challenge) {}

  private static Ordered ordered(String person) throws Exception {
    KeyPair accountKey = ecKey();
    Order order = order(account(accountKey), person);
    Authorization authorization = order.getAuthorizations().get(0);
    return new Ordered(accountKey, order, authorization, authorization.findChallenge(EmailReply.TYPE).orElseThrow());
  }

  /** The authorization's status once its challenge is triggered. */
  private static Status triggered(Ordered o) throws Exception {
    o.challenge().trigger();
    o.authorization().fetch();
    return o.authorization().getStatus();
  }

  @Test
  void aPersonWhoAnswersTheChallengeByMailGetsAnSmimeCertificate() throws Exception {
    Ordered o = ordered("alice@example.org");
    assertThat(o.challenge().getJSON().get("from").asString()).isEqualTo(CHALLENGE_FROM);

    reply("alice@example.org", o.accountKey(), o.challenge());
    assertThat(triggered(o)).isEqualTo(Status.VALID);

    KeyPair personKey = ecKey();
    o.order().execute(EstClient.request(personKey, "alice@example.org"));
    o.order().fetch();
    assertThat(o.order().getStatus()).isEqualTo(Status.VALID);
    X509Certificate cert = o.order().getCertificate().getCertificate();
    assertThat(Certificates.emails(cert)).containsExactly("alice@example.org");
    assertThat(cert.getPublicKey()).isEqualTo(personKey.getPublic());
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.4");
  }

  @Test
  void withoutTheRepliedMailTheOrderIsNotReadyAndFinalizingIsRefused() throws Exception {
    Ordered o = ordered("bob@example.org");
    o.challenge().trigger();
    assertThat(o.challenge().getStatus()).isEqualTo(Status.PENDING);
    assertThatThrownBy(() -> o.order().execute(EstClient.request(ecKey(), "bob@example.org")))
        .isInstanceOf(AcmeServerException.class).hasMessageContaining("not ready");
  }

  @Test
  void aReplyWithAnotherAccountsKeyDoesNotAuthorize() throws Exception {
    Ordered o = ordered("carol@example.org");
    reply("carol@example.org", ecKey(), o.challenge());
    assertThat(triggered(o)).isEqualTo(Status.PENDING);
  }

  @Test
  void aRequestForAnotherMailboxThanTheOrdersIsRefused() throws Exception {
    Ordered o = ordered("dave@example.org");
    reply("dave@example.org", o.accountKey(), o.challenge());
    o.challenge().trigger();
    assertThatThrownBy(() -> o.order().execute(EstClient.request(ecKey(), "mallory@example.org")))
        .isInstanceOf(AcmeServerException.class).hasMessageContaining("mallory@example.org");
  }

  @Test
  void theReplyThatAuthorizedIsRemovedFromTheCasMailbox() throws Exception {
    Ordered o = ordered("erin@example.org");
    reply("erin@example.org", o.accountKey(), o.challenge());

    assertThat(triggered(o)).isEqualTo(Status.VALID);
    assertThat(mail.inbox(CHALLENGE_FROM)).noneMatch(m -> new String(m.raw(), StandardCharsets.UTF_8)
        .contains("From: erin@example.org"));
  }

  @Test
  void aReplySubmittedByAnotherMailboxDoesNotAuthorizeEvenWithTheRightFromField() throws Exception {
    Ordered o = ordered("frank@example.org");
    reply("mallory@example.org", "frank@example.org", o.accountKey(), o.challenge());

    assertThat(triggered(o)).isEqualTo(Status.PENDING);
  }

  @Test
  void aReplyPutInTheCasMailboxWithoutSubmissionDoesNotAuthorizeAndIsRemoved() throws Exception {
    Ordered o = ordered("gina@example.org");
    mail.deliver(List.of(CHALLENGE_FROM), replyMessage("gina@example.org", o.accountKey(), o.challenge()));

    assertThat(triggered(o)).isEqualTo(Status.PENDING);
    assertThat(mail.inbox(CHALLENGE_FROM)).noneMatch(m -> new String(m.raw(), StandardCharsets.UTF_8)
        .contains("From: gina@example.org"));
  }

  @Test
  void anOrderForAMailboxOutsideTheOrganisationIsRejected() throws Exception {
    Account account = account(ecKey());

    assertThatThrownBy(() -> order(account, "henry@elsewhere.example")).isInstanceOf(AcmeServerException.class)
        .hasMessageContaining("only the organisation's own mailboxes");
  }
}
