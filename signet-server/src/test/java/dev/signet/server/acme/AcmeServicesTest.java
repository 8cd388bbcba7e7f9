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

  private static Order order(Account account, String person) throws Exception {
    return account.newOrder().identifier(new Identifier("email", person)).create();
  }

  @Test
  void aPersonWhoAnswersTheChallengeByMailGetsAnSmimeCertificate() throws Exception {
    KeyPair accountKey = ecKey();
    Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey).create(session());
    Order order = order(account, "alice@example.org");
    Authorization authorization = order.getAuthorizations().get(0);
    Challenge challenge = authorization.findChallenge(EmailReply.TYPE).orElseThrow();
    assertThat(challenge.getJSON().get("from").asString()).isEqualTo(CHALLENGE_FROM);

    reply("alice@example.org", accountKey, challenge);
    challenge.trigger();
    authorization.fetch();
    assertThat(authorization.getStatus()).isEqualTo(Status.VALID);

    KeyPair personKey = ecKey();
    order.execute(EstClient.request(personKey, "alice@example.org"));
    order.fetch();
    assertThat(order.getStatus()).isEqualTo(Status.VALID);
    X509Certificate cert = order.getCertificate().getCertificate();
    assertThat(Certificates.emails(cert)).containsExactly("alice@example.org");
    assertThat(cert.getPublicKey()).isEqualTo(personKey.getPublic());
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.4");
  }

  @Test
  void withoutTheRepliedMailTheOrderIsNotReadyAndFinalizingIsRefused() throws Exception {
    KeyPair accountKey = ecKey();
    Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey).create(session());
    Order order = order(account, "bob@example.org");
    Challenge challenge = order.getAuthorizations().get(0).findChallenge(EmailReply.TYPE).orElseThrow();
    challenge.trigger();
    assertThat(challenge.getStatus()).isEqualTo(Status.PENDING);
    assertThatThrownBy(() -> order.execute(EstClient.request(ecKey(), "bob@example.org")))
        .isInstanceOf(AcmeServerException.class).hasMessageContaining("not ready");
  }

  @Test
  void aReplyWithAnotherAccountsKeyDoesNotAuthorize() throws Exception {
    KeyPair accountKey = ecKey();
    Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey).create(session());
    Order order = order(account, "carol@example.org");
    Authorization authorization = order.getAuthorizations().get(0);
    Challenge challenge = authorization.findChallenge(EmailReply.TYPE).orElseThrow();
    reply("carol@example.org", ecKey(), challenge);
    challenge.trigger();
    authorization.fetch();
    assertThat(authorization.getStatus()).isEqualTo(Status.PENDING);
  }

  @Test
  void aRequestForAnotherMailboxThanTheOrdersIsRefused() throws Exception {
    KeyPair accountKey = ecKey();
    Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey).create(session());
    Order order = order(account, "dave@example.org");
    Challenge challenge = order.getAuthorizations().get(0).findChallenge(EmailReply.TYPE).orElseThrow();
    reply("dave@example.org", accountKey, challenge);
    challenge.trigger();
    assertThatThrownBy(() -> order.execute(EstClient.request(ecKey(), "mallory@example.org")))
        .isInstanceOf(AcmeServerException.class).hasMessageContaining("mallory@example.org");
  }

  @Test
  void theReplyThatAuthorizedIsRemovedFromTheCasMailbox() throws Exception {
    KeyPair accountKey = ecKey();
    Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey).create(session());
    Authorization authorization = order(account, "erin@example.org").getAuthorizations().get(0);
    Challenge challenge = authorization.findChallenge(EmailReply.TYPE).orElseThrow();
    reply("erin@example.org", accountKey, challenge);
    challenge.trigger();
    authorization.fetch();

    assertThat(authorization.getStatus()).isEqualTo(Status.VALID);
    assertThat(mail.inbox(CHALLENGE_FROM)).noneMatch(m -> new String(m.raw(), StandardCharsets.UTF_8)
        .contains("From: erin@example.org"));
  }

  @Test
  void aReplySubmittedByAnotherMailboxDoesNotAuthorizeEvenWithTheRightFromField() throws Exception {
    KeyPair accountKey = ecKey();
    Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey).create(session());
    Authorization authorization = order(account, "frank@example.org").getAuthorizations().get(0);
    Challenge challenge = authorization.findChallenge(EmailReply.TYPE).orElseThrow();
    reply("mallory@example.org", "frank@example.org", accountKey, challenge);
    challenge.trigger();
    authorization.fetch();

    assertThat(authorization.getStatus()).isEqualTo(Status.PENDING);
  }

  @Test
  void aReplyPutInTheCasMailboxWithoutSubmissionDoesNotAuthorizeAndIsRemoved() throws Exception {
    KeyPair accountKey = ecKey();
    Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey).create(session());
    Authorization authorization = order(account, "gina@example.org").getAuthorizations().get(0);
    Challenge challenge = authorization.findChallenge(EmailReply.TYPE).orElseThrow();
    mail.deliver(List.of(CHALLENGE_FROM), replyMessage("gina@example.org", accountKey, challenge));
    challenge.trigger();
    authorization.fetch();

    assertThat(authorization.getStatus()).isEqualTo(Status.PENDING);
    assertThat(mail.inbox(CHALLENGE_FROM)).noneMatch(m -> new String(m.raw(), StandardCharsets.UTF_8)
        .contains("From: gina@example.org"));
  }

  @Test
  void anOrderForAMailboxOutsideTheOrganisationIsRejected() throws Exception {
    Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(ecKey()).create(session());

    assertThatThrownBy(() -> order(account, "henry@elsewhere.example")).isInstanceOf(AcmeServerException.class)
        .hasMessageContaining("only the organisation's own mailboxes");
  }
}
