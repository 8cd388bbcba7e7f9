package dev.signet.server.web;

import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.core.SignOptions;
import dev.signet.directory.Directory;
import dev.signet.core.Smime;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.Enrollment;
import dev.signet.pki.EnrollmentToken;
import dev.signet.pki.Issuer;
import dev.signet.pki.CertificateProfile;
import dev.signet.server.Service;
import dev.signet.server.ServiceConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A running service with the web UI for the tests: a CA for example.org, the administrator
 * admin@, and alice@ and bob@ each with a dual-use digital ID from the CA in their key store.
 */
final class WebFixture implements AutoCloseable {
  static final char[] CA_PASSPHRASE = "web test CA passphrase".toCharArray();
  static final String PASSWORD = "sign-in password 1";
  static final String ID_PASSWORD = "digital-ID password 1";
  static final String ALICE = "alice@example.org";
  static final String BOB = "bob@example.org";
  static final String ADMIN = "admin@example.org";

  final Path data;
  final Service service;
  final WebUi web;
  final Map<String, DigitalId> ids = new ConcurrentHashMap<>();
  private final CertificateAuthority ca;
  private final Issuer issuer;

  private WebFixture(Path data, Service service, WebUi web, CertificateAuthority ca, Issuer issuer) {
    this.data = data;
    this.service = service;
    this.web = web;
    this.ca = ca;
    this.issuer = issuer;
  }

  static WebFixture start() throws IOException {
    Path data = Files.createTempDirectory("signet-web");
    return start(data, CaDatabase.inDataFolder(data));
  }

  /** The same organisation with its records in {@code database} (H2 or PostgreSQL). */
  static WebFixture start(Path data, CaDatabase database) throws IOException {
    return start(data, database, Clock.systemUTC());
  }

  /** With the web UI telling time by {@code clock} (the CA keeps the real time). */
  static WebFixture start(Path data, CaDatabase database, Clock clock) throws IOException {
    return start(data, database, clock, UnaryOperator.identity());
  }

  /** With compose also looking recipients up in {@code directory}, trusting {@code trustRoots} besides the CA's. */
  static WebFixture start(Supplier<Directory> directory, List<X509Certificate> trustRoots) throws IOException {
    Path data = Files.createTempDirectory("signet-web");
    return start(data, CaDatabase.inDataFolder(data), Clock.systemUTC(), w -> w.withDirectory(directory, trustRoots));
  }

  private static WebFixture start(Path data, CaDatabase database, Clock clock, UnaryOperator<WebUi> shape)
      throws IOException {
    try (CertificateAuthority setup = CertificateAuthority.open(database)) {
      setup.init("CN=Example Org CA", KeyType.EC_P384, "http://127.0.0.1:1", CA_PASSPHRASE, "test");
    }
    WebFixture f = node(data, database, clock, shape);
    f.web.accounts().create(ADMIN, "Administrator", Accounts.Role.ADMIN, PASSWORD.toCharArray());
    f.web.accounts().create(ALICE, "Alice", Accounts.Role.PERSON, PASSWORD.toCharArray());
    f.web.accounts().create(BOB, "Bob", Accounts.Role.PERSON, PASSWORD.toCharArray());
    f.ids.put(ALICE, f.giveId(ALICE));
    f.ids.put(BOB, f.giveId(BOB));
    return f;
  }

  /**
   * Another node of {@code first}'s service, as a second machine behind a load balancer: a data folder
   * and ports of its own, the same {@code database} (so the same CA, people, sessions and digital IDs).
   */
  static WebFixture anotherNode(WebFixture first, CaDatabase database) throws IOException {
    return anotherNode(first, database, Files.createTempDirectory("signet-web-node"));
  }

  /** As {@link #anotherNode(WebFixture, CaDatabase)}, over the data folder {@code data}. */
  static WebFixture anotherNode(WebFixture first, CaDatabase database, Path data) {
    return anotherNode(first, database, data, Clock.systemUTC());
  }

  /** As {@link #anotherNode(WebFixture, CaDatabase)}, its web UI telling time by {@code clock}. */
  static WebFixture anotherNode(WebFixture first, CaDatabase database, Clock clock) throws IOException {
    return anotherNode(first, database, Files.createTempDirectory("signet-web-node"), clock);
  }

  private static WebFixture anotherNode(WebFixture first, CaDatabase database, Path data, Clock clock) {
    WebFixture f = node(data, database, clock, UnaryOperator.identity());
    f.ids.putAll(first.ids);
    return f;
  }

  /** The service with the web UI over an organisation {@code database} already holds. */
  private static WebFixture node(Path data, CaDatabase database, Clock clock, UnaryOperator<WebUi> shape) {
    WebUi web = shape.apply(WebUi.over(database, clock));
    Service service = Service.start(ServiceConfig.defaults(data).withDatabase(database).withHost("127.0.0.1")
        .withPorts(0, 0).withParts(List.of(web)), CA_PASSPHRASE);
    CertificateAuthority ca = CertificateAuthority.open(database);
    return new WebFixture(data, service, web, ca, ca.unlock(CA_PASSPHRASE));
  }

  String https(String path) {
    return "https://127.0.0.1:" + service.httpsPort() + path;
  }

  String http(String path) {
    return "http://127.0.0.1:" + service.httpPort() + path;
  }

  X509Certificate root() {
    List<X509Certificate> chain = issuer.caChain();
    return chain.get(chain.size() - 1);
  }

  /** Enrolls a dual-use ID for {@code email} with a token, as the ID page does, and keeps it in their store. */
  DigitalId giveId(String email) {
    EnrollmentToken token = ca.token(email, Optional.empty(), Duration.ofDays(1), "test");
    CertificateRequests request = CertificateRequests.forMailbox(email, new SecureRandom());
    Enrollment.Issued issued = (Enrollment.Issued) issuer.enroll(email, token.secret(), request.der(), CertificateProfile.DUAL_USE);
    List<X509Certificate> chain = new ArrayList<>(List.of(issued.issued().certificate()));
    chain.addAll(issued.caChain());
    DigitalId id = DigitalId.of(request.keys().getPrivate(), chain);
    try {
      web.keepDigitalId(email, id, ID_PASSWORD.toCharArray(), false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return id;
  }

  /** A fresh enrollment token for {@code email}, as an administrator hands it out. */
  String token(String email) {
    return ca.token(email, Optional.empty(), Duration.ofDays(1), "test").secret();
  }

  /** Delivers a message clear-signed by {@code signer} whose body was then changed: a broken signature. */
  void deliverTampered(DigitalId signer, String from, String to, String subject) throws IOException {
    String text = "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject
        + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPay 100 euros to account 1.\r\n";
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    Smime.withDefaults().sign(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        SignOptions.defaults(signer), signed);
    String tampered = signed.toString(StandardCharsets.UTF_8).replace("100 euros", "900 euros");
    web.mailboxes().deliver(from, List.of(to), tampered.getBytes(StandardCharsets.UTF_8));
  }

  /** The newest message in {@code email}'s mailbox. */
  Mailboxes.Message newest(String email) {
    return web.mailboxes().list(email).get(0);
  }

  void deliverPlain(String from, String to, String subject, String body) {
    deliver(from, to, subject, "text/plain", body);
  }

  void deliverHtml(String from, String to, String subject, String html) {
    deliver(from, to, subject, "text/html", html);
  }

  private void deliver(String from, String to, String subject, String type, String body) {
    String text = "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject
        + "\r\nMIME-Version: 1.0\r\nContent-Type: " + type + "; charset=utf-8\r\n\r\n" + body + "\r\n";
    web.mailboxes().deliver(from, List.of(to), text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    ca.close();
    service.close();
  }
}
