package dev.signet.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.mail.transport.Envelope;
import dev.signet.mail.transport.FetchedMessages;
import dev.signet.mail.transport.Login;
import dev.signet.mail.transport.MailServer;
import dev.signet.mail.transport.MailTransport;
import dev.signet.mail.transport.ServerTrust;
import dev.signet.mail.transport.TransportException;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.Issuer;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.LanAddress;
import dev.signet.testkit.ProcessRunner;
import dev.signet.testkit.TestPki;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded mail server, driven by Jakarta Mail (through MailTransport), raw SMTP and curl. */
class MailServiceTest {
  private static final String ALICE = "alice@example.org";
  private static final String BOB = "bob@example.org";
  private static final Map<String, String> PASSWORDS = Map.of(ALICE, "alice secret", BOB, "bob secret");
  private static final MailLogins LOGINS = (a, p) -> PASSWORDS.containsKey(a) && PASSWORDS.get(a).equals(new String(p));
  private static DigitalId tls;
  private static X509Certificate caRoot;
  /** This machine's address on a network, to be a client from "another machine". */
  private static Optional<InetAddress> lan;

  @TempDir Path dir;
  private MailService mail;

  @BeforeAll
  static void issueTlsCertificate(@TempDir Path caDir) throws IOException {
    lan = LanAddress.find();
    char[] passphrase = "mail test CA".toCharArray();
    try (CertificateAuthority ca = CertificateAuthority.open(CaDatabase.inDataFolder(caDir))) {
      Issuer issuer = ca.init("CN=Mail Test CA", KeyType.EC_P384, "http://127.0.0.1:1", passphrase, "test");
      List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1"));
      lan.ifPresent(a -> names.add(a.getHostAddress()));
      tls = issuer.serviceIdentity(names);
      caRoot = issuer.caChain().get(issuer.caChain().size() - 1);
    }
  }

  @BeforeEach
  void start() {
    mail = started(dir.resolve("mail"));
  }

  @AfterEach
  void stop() {
    mail.close();
  }

  private static MailService started(Path folder) {
    MailService m = MailService.start(new MailServiceConfig(folder, "0.0.0.0", 0, 0, 0, 0), LOGINS, tls);
    m.addMailbox(ALICE);
    m.addMailbox(BOB);
    return m;
  }

  private static byte[] message(String from, String to) {
    return ("From: " + from + "\r\nTo: " + to + "\r\nSubject: hello\r\nMessage-ID: <m1@example.org>\r\n"
        + "MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n.leading dot\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  private static MailTransport client() {
    return MailTransport.trusting(ServerTrust.anchoredAt(List.of(caRoot)));
  }

  private static Login login(String who) {
    return new Login(who, PASSWORDS.get(who).toCharArray());
  }

  private List<byte[]> inbox(MailService m, String who) throws IOException {
    List<byte[]> all = new ArrayList<>();
    client().fetch(MailServer.imap("imaps://127.0.0.1:" + m.imapsPort()), login(who), everything(all));
    return all;
  }

  private static FetchedMessages everything(List<byte[]> into) {
    return new FetchedMessages() {
      @Override
      public boolean wants(long uidValidity, long uid) {
        return true;
      }

      @Override
      public void accept(long uidValidity, long uid, Instant received, byte[] raw) {
        into.add(raw);
      }
    };
  }

  /** What a message looks like after delivery: the server's trace fields, then the bytes as sent. */
  private static void assertDeliveredUnchanged(byte[] fetched, byte[] sent) {
    String text = new String(fetched, StandardCharsets.ISO_8859_1);
    int start = fetched.length - sent.length;
    assertThat(start).isPositive();
    assertThat(text.substring(start)).isEqualTo(new String(sent, StandardCharsets.ISO_8859_1));
    assertThat(text.substring(0, start)).startsWith("Return-Path: <").contains("\r\nReceived: from ").endsWith("\r\n");
  }

  @Test
  void messageSubmittedOverSmtpsArrivesOverImapsByteForByte() throws IOException {
    byte[] sent = message(ALICE, BOB);
    client().submit(MailServer.smtp("smtps://127.0.0.1:" + mail.smtpsPort()), login(ALICE),
        new Envelope(ALICE, List.of(BOB)), sent);

    List<byte[]> inbox = inbox(mail, BOB);
    assertThat(inbox).hasSize(1);
    assertDeliveredUnchanged(inbox.get(0), sent);
  }

  @Test
  void aFetchThatHoldsEarlierMailIsToldOnlyOfNewerMessages() throws IOException {
    MailServer smtps = MailServer.smtp("smtps://127.0.0.1:" + mail.smtpsPort());
    for (int i = 0; i < 3; i++) {
      client().submit(smtps, login(ALICE), new Envelope(ALICE, List.of(BOB)), message(ALICE, BOB));
    }
    MailServer imaps = MailServer.imap("imaps://127.0.0.1:" + mail.imapsPort());
    UidsAsked all = new UidsAsked(0);
    client().fetch(imaps, login(BOB), all);

    UidsAsked newer = new UidsAsked(all.asked.get(1));
    client().fetch(imaps, login(BOB), newer);

    assertThat(all.asked).hasSize(3);
    assertThat(newer.asked).containsExactly(all.asked.get(2));
  }

  @Test
  void aPageOfTheInboxIsItsNewestMessagesAfterTheSkippedOnes() {
    for (int i = 0; i < 4; i++) {
      mail.deliver(List.of(BOB), message(ALICE, BOB));
    }
    List<Long> oldestFirst = mail.inbox(BOB).stream().map(MailService.Mail::uid).toList();

    List<Long> page = mail.folders(BOB).newest("INBOX", 1, 2).stream().map(MailService.Mail::uid).toList();

    assertThat(page).containsExactly(oldestFirst.get(2), oldestFirst.get(1));
    assertThat(mail.folders(BOB).count("INBOX")).isEqualTo(4);
    assertThat(mail.folders(BOB).newest("INBOX", 4, 2)).isEmpty();
  }

  @Test
  void aMessageIsOpenedByItsUidOnlyInItsOwnInbox() {
    mail.deliver(List.of(BOB), message(ALICE, BOB));
    long uid = mail.inbox(BOB).get(0).uid();

    assertThat(mail.folders(BOB).mail("INBOX", uid)).hasValueSatisfying(m -> assertThat(m.raw()).isEqualTo(mail.inbox(BOB).get(0).raw()));
    assertThat(mail.folders(ALICE).mail("INBOX", uid)).isEmpty();
  }

  /** A reader that already holds every message up to a UID, and notes which UIDs it is asked about. */
  private static final class UidsAsked implements FetchedMessages {
    final long held;
    final List<Long> asked = new ArrayList<>();

    UidsAsked(long held) {
      this.held = held;
    }

    @Override
    public long newerThan(long uidValidity) {
      return held;
    }

    @Override
    public boolean wants(long uidValidity, long uid) {
      asked.add(uid);
      return false;
    }

    @Override
    public void accept(long uidValidity, long uid, Instant received, byte[] raw) {}
  }

  @Test
  void aPersonCanNeitherListNorOpenAnotherPersonsMailbox() throws IOException, MessagingException {
    client().submit(MailServer.smtp("smtps://127.0.0.1:" + mail.smtpsPort()), login(ALICE),
        new Envelope(ALICE, List.of(BOB)), message(ALICE, BOB));
    Store store = Session.getInstance(new Properties()).getStore("imap");
    store.connect("127.0.0.1", mail.imapPort(), ALICE, PASSWORDS.get(ALICE));
    try {
      List<String> visible = Stream.of(store.getFolder("#mail").list("*")).map(Folder::getFullName).toList();
      assertThat(visible).hasSize(2).allMatch(n -> n.startsWith(visible.get(0)));
      String bobsInbox = "#mail." + BOB.hashCode() + ".INBOX"; // where GreenMail keeps it
      assertThatThrownBy(() -> store.getFolder(bobsInbox).open(Folder.READ_ONLY)).isInstanceOf(MessagingException.class);
    } finally {
      store.close();
    }
  }

  @Test
  void smtpWithoutLoginIsRefused() throws IOException {
    List<String> replies = rawSession(InetAddress.getLoopbackAddress(), mail.smtpPort(), false, "EHLO test",
        "MAIL FROM:<" + ALICE + ">");
    assertThat(replies.get(replies.size() - 1)).startsWith("530 ");
  }

  @Test
  void sendingAsSomeoneElseIsRefused() {
    assertThatThrownBy(() -> client().submit(MailServer.smtp("smtp://127.0.0.1:" + mail.smtpPort()), login(ALICE),
        new Envelope(BOB, List.of(BOB)), message(BOB, BOB)))
        .isInstanceOf(TransportException.class).hasMessageContaining("553");
  }

  @Test
  void mailForAnAddressWithoutMailboxIsRefused() {
    assertThatThrownBy(() -> client().submit(MailServer.smtp("smtps://127.0.0.1:" + mail.smtpsPort()), login(ALICE),
        new Envelope(ALICE, List.of("mallory@example.org")), message(ALICE, "mallory@example.org")))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("mallory@example.org")
        .extracting(e -> ((TransportException) e).reason()).isEqualTo(TransportException.Reason.REFUSED);
  }

  @Test
  void wrongPasswordIsRefused() {
    assertThatThrownBy(() -> client().fetch(MailServer.imap("imaps://127.0.0.1:" + mail.imapsPort()),
        new Login(BOB, "guess".toCharArray()), null))
        .isInstanceOf(TransportException.class)
        .extracting(e -> ((TransportException) e).reason()).isEqualTo(TransportException.Reason.LOGIN_REFUSED);
  }

  @Test
  void serverWhoseCertificateDoesNotChainToTheAnchorsIsNotTrusted() {
    X509Certificate stranger = DigitalId.selfSigned("ca@elsewhere.example", "Elsewhere", KeyType.EC_P256,
        Clock.systemUTC(), new SecureRandom()).certificate();
    MailTransport strangers = MailTransport.trusting(ServerTrust.anchoredAt(List.of(stranger)));
    assertThatThrownBy(() -> strangers.fetch(MailServer.imap("imaps://127.0.0.1:" + mail.imapsPort()), login(BOB), null))
        .isInstanceOf(TransportException.class)
        .extracting(e -> ((TransportException) e).reason()).isEqualTo(TransportException.Reason.UNTRUSTED_SERVER);
  }

  private static String lanAddress() {
    Assumptions.assumeTrue(lan.isPresent(), "this machine has no non-loopback IPv4 address to connect from");
    return lan.get().getHostAddress();
  }

  @Test
  void fromAnotherMachineSmtpOffersStartTlsAndRefusesAuthBeforeIt() throws IOException {
    List<String> replies = rawSession(InetAddress.getByName(lanAddress()), mail.smtpPort(), false,
        "EHLO test", "AUTH PLAIN AGFsaWNlQGV4YW1wbGUub3JnAGFsaWNlIHNlY3JldA==");
    assertThat(replies.subList(1, replies.size() - 1)).contains("250 STARTTLS").noneMatch(l -> l.contains("AUTH"));
    assertThat(replies.get(replies.size() - 1)).startsWith("530 ");
  }

  @Test
  void fromAnotherMachineImapOffersStartTlsAndRefusesLoginBeforeIt() throws IOException {
    List<String> replies = rawSession(InetAddress.getByName(lanAddress()), mail.imapPort(), true,
        "a CAPABILITY", "b LOGIN " + BOB + " \"bob secret\"");
    assertThat(replies).anyMatch(l -> l.startsWith("* CAPABILITY") && l.contains("STARTTLS") && l.contains("LOGINDISABLED"));
    assertThat(replies.get(replies.size() - 1)).startsWith("b NO [PRIVACYREQUIRED]");
  }

  @Test
  void fromAnotherMachineMailGoesThroughStartTlsByteForByte() throws IOException {
    String host = lanAddress();
    byte[] sent = message(ALICE, BOB);
    client().submit(MailServer.smtp("smtp://" + host + ":" + mail.smtpPort()), login(ALICE),
        new Envelope(ALICE, List.of(BOB)), sent);

    List<byte[]> inbox = new ArrayList<>();
    client().fetch(MailServer.imap("imap://" + host + ":" + mail.imapPort()), login(BOB), everything(inbox));

    assertThat(inbox).hasSize(1);
    assertDeliveredUnchanged(inbox.get(0), sent);
  }

  @Test
  void onLoopbackSmtpOffersStartTlsBesideAuth() throws IOException {
    List<String> replies = rawSession(InetAddress.getLoopbackAddress(), mail.smtpPort(), false, "EHLO test");
    assertThat(replies.subList(1, replies.size())).contains("250 STARTTLS").anyMatch(l -> l.startsWith("250-AUTH "));
  }

  @Test
  void onLoopbackImapOffersStartTlsAndLogin() throws IOException {
    List<String> replies = rawSession(InetAddress.getLoopbackAddress(), mail.imapPort(), true, "a CAPABILITY");
    assertThat(replies).anyMatch(l -> l.startsWith("* CAPABILITY") && l.contains(" STARTTLS"))
        .noneMatch(l -> l.contains("LOGINDISABLED"));
  }

  @Test
  void smtpGreetsWithTheServiceHostName() throws IOException {
    List<String> replies = rawSession(InetAddress.getLoopbackAddress(), mail.smtpPort(), false, "EHLO test", "HELO test");
    assertThat(replies.get(0)).isEqualTo("220 localhost ESMTP ready");
    assertThat(replies.get(1)).isEqualTo("250-localhost");
    assertThat(replies.get(replies.size() - 1)).isEqualTo("250 localhost");
  }

  @Test
  void imapGreetsWithTheServiceHostName() throws IOException {
    List<String> replies = rawSession(InetAddress.getLoopbackAddress(), mail.imapPort(), true);
    assertThat(replies.get(0)).isEqualTo("* OK localhost IMAP4rev1 ready");
  }

  @Test
  void rfc822SizeIsTheStoredMessagesByteCount() throws IOException {
    client().submit(MailServer.smtp("smtps://127.0.0.1:" + mail.smtpsPort()), login(ALICE),
        new Envelope(ALICE, List.of(BOB)), message(ALICE, BOB));
    int stored = inbox(mail, BOB).get(0).length;

    List<String> replies = rawSession(InetAddress.getLoopbackAddress(), mail.imapPort(), true,
        "a LOGIN " + BOB + " \"bob secret\"", "b SELECT INBOX", "c FETCH 1 (RFC822.SIZE)");

    assertThat(replies).contains("* 1 FETCH (RFC822.SIZE " + stored + ")");
  }

  @Test
  void curlRequiringStartTlsOnLoopbackSubmitsAndReads() throws IOException {
    ExternalTool.CURL.require();
    Path ca = TestPki.writeCertificatesPem(dir.resolve("ca.pem"), List.of(caRoot));
    byte[] sent = message(ALICE, BOB);
    Path upload = Files.write(dir.resolve("upload.eml"), sent);

    ProcessRunner.Result submitted = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("curl", "-sS", "--ssl-reqd",
        "--cacert", ca.toString(), "smtp://127.0.0.1:" + mail.smtpPort(), "--user", ALICE + ":" + PASSWORDS.get(ALICE),
        "--mail-from", ALICE, "--mail-rcpt", BOB, "--upload-file", upload.toString()));
    assertThat(submitted.exitCode()).as(submitted.stderr()).isZero();

    ProcessRunner.Result fetched = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("curl", "-sS", "--ssl-reqd",
        "--cacert", ca.toString(), "imap://127.0.0.1:" + mail.imapPort() + "/INBOX;UID=1",
        "--user", BOB + ":" + PASSWORDS.get(BOB)));
    assertThat(fetched.exitCode()).as(fetched.stderr()).isZero();
    assertDeliveredUnchanged(fetched.stdout(), sent);
  }

  @Test
  void opensslStartsTlsOnLoopbackSmtpWithTheServiceCertificate() throws IOException {
    assertOpensslStartsTls("smtp", mail.smtpPort(), "QUIT\r\n");
  }

  @Test
  void opensslStartsTlsOnLoopbackImapWithTheServiceCertificate() throws IOException {
    assertOpensslStartsTls("imap", mail.imapPort(), "z LOGOUT\r\n");
  }

  private void assertOpensslStartsTls(String protocol, int port, String farewell) throws IOException {
    ExternalTool.OPENSSL.require();
    Path ca = TestPki.writeCertificatesPem(dir.resolve("ca.pem"), List.of(caRoot));
    ProcessRunner.Result session = ProcessRunner.run(dir, Map.of(), farewell.getBytes(StandardCharsets.US_ASCII),
        List.of("openssl", "s_client", "-starttls", protocol, "-connect", "127.0.0.1:" + port,
            "-CAfile", ca.toString(), "-verify_return_error", "-verify_hostname", "localhost"));
    assertThat(session.exitCode()).as(session.stderr()).isZero();
    assertThat(new String(session.stdout(), StandardCharsets.UTF_8)).contains("Verify return code: 0 (ok)");
  }

  @Test
  void inboxIsKeptAcrossRestarts() throws IOException {
    byte[] sent = message(ALICE, BOB);
    client().submit(MailServer.smtp("smtps://127.0.0.1:" + mail.smtpsPort()), login(ALICE),
        new Envelope(ALICE, List.of(BOB)), sent);
    byte[] before = inbox(mail, BOB).get(0);
    mail.close();

    mail = started(dir.resolve("mail"));

    List<byte[]> after = inbox(mail, BOB);
    assertThat(after).hasSize(1);
    assertThat(after.get(0)).isEqualTo(before);
  }

  @Test
  void curlSubmitsOverSmtpAndReadsBackOverImaps() throws IOException {
    ExternalTool.CURL.require();
    Path ca = TestPki.writeCertificatesPem(dir.resolve("ca.pem"), List.of(caRoot));
    byte[] sent = message(ALICE, BOB);
    Path upload = Files.write(dir.resolve("upload.eml"), sent);

    ProcessRunner.Result submitted = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("curl", "-sS",
        "smtp://127.0.0.1:" + mail.smtpPort(), "--user", ALICE + ":" + PASSWORDS.get(ALICE),
        "--mail-from", ALICE, "--mail-rcpt", BOB, "--upload-file", upload.toString()));
    assertThat(submitted.exitCode()).as(submitted.stderr()).isZero();

    ProcessRunner.Result fetched = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("curl", "-sS",
        "--cacert", ca.toString(), "imaps://127.0.0.1:" + mail.imapsPort() + "/INBOX;UID=1",
        "--user", BOB + ":" + PASSWORDS.get(BOB)));
    assertThat(fetched.exitCode()).as(fetched.stderr()).isZero();
    assertDeliveredUnchanged(fetched.stdout(), sent);
  }

  @Test
  void curlSubmitsWithStartTlsFromAnotherMachineAndReadsOverImap() throws IOException {
    ExternalTool.CURL.require();
    String host = lanAddress();
    Path ca = TestPki.writeCertificatesPem(dir.resolve("ca.pem"), List.of(caRoot));
    byte[] sent = message(ALICE, BOB);
    Path upload = Files.write(dir.resolve("upload.eml"), sent);

    ProcessRunner.Result submitted = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("curl", "-sS", "--ssl-reqd",
        "--cacert", ca.toString(), "smtp://" + host + ":" + mail.smtpPort(), "--user", ALICE + ":" + PASSWORDS.get(ALICE),
        "--mail-from", ALICE, "--mail-rcpt", BOB, "--upload-file", upload.toString()));
    assertThat(submitted.exitCode()).as(submitted.stderr()).isZero();

    // From this machine an imap:// URL may stay plaintext. (From elsewhere curl 7.88 gives up after
    // STARTTLS: it keeps the LOGINDISABLED it was told before TLS; Jakarta Mail does not, see above.)
    ProcessRunner.Result fetched = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("curl", "-sS",
        "imap://127.0.0.1:" + mail.imapPort() + "/INBOX;UID=1", "--user", BOB + ":" + PASSWORDS.get(BOB)));
    assertThat(fetched.exitCode()).as(fetched.stderr()).isZero();
    assertDeliveredUnchanged(fetched.stdout(), sent);
  }

  private static List<String> rawSession(InetAddress host, int port, boolean imap, String... commands) throws IOException {
    List<String> replies = new ArrayList<>();
    try (Socket s = new Socket(host, port);
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.US_ASCII)) {
      replies.add(in.readLine());
      for (String c : commands) {
        out.print(c + "\r\n");
        out.flush();
        String line;
        String tag = c.split(" ")[0] + " ";
        do {
          line = in.readLine();
          replies.add(line);
        } while (line != null && (imap ? !line.startsWith(tag) : line.length() > 3 && line.charAt(3) == '-'));
      }
    }
    return replies;
  }
}
