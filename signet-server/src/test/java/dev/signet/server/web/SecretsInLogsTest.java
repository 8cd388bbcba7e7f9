package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import dev.signet.server.Organisation;
import dev.signet.server.OrganisationDirectory;
import dev.signet.server.Service;
import dev.signet.server.ServiceConfig;
import dev.signet.server.mail.MailServiceConfig;
import dev.signet.testkit.TestClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * No secret reaches a log: a whole run of the service is captured (every logger, Signet's at TRACE
 * and the libraries' at INFO, more than the service's WARN; and standard output and error) and
 * searched for each password, passphrase, enrollment token, session cookie, form token and private
 * key the run used, written as text, base64 or hex.
 */
class SecretsInLogsTest {
  private static final String FILE_PASSWORD = "pkcs12 file password 7";
  private static final String WRONG_PASSWORD = "a wrong guess 8";
  private static final String IVAN = "ivan@example.org";
  private static final String IVAN_PASSWORD = "ivan's sign-in password 9";
  private static final String IVAN_ID_PASSWORD = "ivan's digital-ID password 10";
  private static final Pattern TOKEN = Pattern.compile("id=\"new-token\">([^<]+)<");

  private final List<String> secrets = new ArrayList<>();
  private final Capture capture = new Capture();

  /** Everything logged and printed while it is attached. */
  private static final class Capture extends AppenderBase<ILoggingEvent> {
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private PrintStream out;
    private PrintStream err;

    @Override
    protected synchronized void append(ILoggingEvent e) {
      text.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(": ").append(e.getFormattedMessage())
          .append('\n');
      if (e.getThrowableProxy() != null) {
        text.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
      }
    }

    void attach() {
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      setContext(context);
      start();
      Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      root.addAppender(this);
      root.setLevel(Level.INFO);
      context.getLogger("dev.signet").setLevel(Level.TRACE);
      out = System.out;
      err = System.err;
      System.setOut(new PrintStream(new Tee(out, printed), true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(new Tee(err, printed), true, StandardCharsets.UTF_8));
    }

    void detach() {
      System.setOut(out);
      System.setErr(err);
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      root.detachAppender(this);
      root.setLevel(Level.WARN);
      context.getLogger("dev.signet").setLevel(null);
      stop();
    }

    synchronized String all() {
      return text + printed.toString(StandardCharsets.UTF_8);
    }
  }

  /** Writes to two streams. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws IOException {
      a.write(c);
      synchronized (b) {
        b.write(c);
      }
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
      a.write(bytes, off, len);
      synchronized (b) {
        b.write(bytes, off, len);
      }
    }
  }

  @BeforeEach
  void captureEverything() {
    capture.attach();
  }

  @AfterEach
  void release() {
    capture.detach();
  }

  @Test
  void aRunOfTheWebUiLogsNoSecret() throws IOException {
    try (WebFixture fixture = WebFixture.start()) {
      secrets.addAll(List.of(new String(WebFixture.CA_PASSPHRASE), WebFixture.PASSWORD, WebFixture.ID_PASSWORD,
          FILE_PASSWORD, WRONG_PASSWORD, IVAN_PASSWORD, IVAN_ID_PASSWORD));
      fixture.ids.values().forEach(this::keyOf);

      WebClient admin = signIn(fixture, WebFixture.ADMIN, WebFixture.PASSWORD);
      secrets.add(admin.csrf("/web/admin/people"));
      admin.submit("/web/admin/people", "/web/admin/people", Map.of("email", IVAN, "name", "Ivan", "role", "person",
          "password", IVAN_PASSWORD));
      Matcher token = TOKEN.matcher(admin.get(admin.submit("/web/admin/tokens", "/web/admin/tokens",
          Map.of("email", IVAN, "days", "1")).headers().firstValue("Location").orElseThrow()).body());
      assertThat(token.find()).isTrue();
      secrets.add(token.group(1));

      WebClient ivan = signIn(fixture, IVAN, IVAN_PASSWORD);
      assertThat(ivan.submit("/web/ids", "/web/ids/enroll", Map.of("token", token.group(1), "password",
          IVAN_ID_PASSWORD)).body()).contains("Accepted");
      assertThat(ivan.submit("/web/ids", "/web/ids/enroll", Map.of("token", token.group(1), "password",
          IVAN_ID_PASSWORD)).statusCode()).isEqualTo(400);
      DigitalId imported = DigitalId.selfSigned(IVAN, "Ivan", KeyType.EC_P256, Clock.systemUTC(), new SecureRandom());
      keyOf(imported);
      ByteArrayOutputStream p12 = new ByteArrayOutputStream();
      imported.writePkcs12(p12, FILE_PASSWORD.toCharArray(), 10_000, new SecureRandom());
      ivan.upload("/web/ids", "/web/ids/import", Map.of("filepassword", FILE_PASSWORD, "password", IVAN_ID_PASSWORD,
          "exportable", "1"), "file", "ivan.p12", p12.toByteArray());
      assertThat(ivan.submit("/web/ids", "/web/ids/unlock", Map.of("password", IVAN_ID_PASSWORD)).statusCode())
          .isEqualTo(303);
      HttpResponse<byte[]> exported = ivan.postForBytes("/web/ids", "/web/ids/export", Map.of("name",
          "id-" + imported.certificate().getSerialNumber().toString(16), "password", IVAN_ID_PASSWORD));
      assertThat(exported.statusCode()).isEqualTo(200);
      secrets.add(Base64.getEncoder().encodeToString(exported.body()).substring(0, 60));
      secrets.add(ivan.csrf("/web/compose"));
      assertThat(ivan.submit("/web/compose", "/web/compose", Map.of("to", WebFixture.ALICE, "subject", "signed",
          "body", "a signed and encrypted note", "sign", "1", "encrypt", "1", "action", "send")).statusCode())
          .isEqualTo(303);

      WebClient alice = signIn(fixture, WebFixture.ALICE, WebFixture.PASSWORD);
      alice.submit("/web/ids", "/web/ids/unlock", Map.of("password", WRONG_PASSWORD));
      alice.submit("/web/ids", "/web/ids/unlock", Map.of("password", WebFixture.ID_PASSWORD));
      alice.get("/web/mail/" + fixture.newest(WebFixture.ALICE).id());
      new WebClient(fixture).post("/web/signin", Map.of("email", WebFixture.ALICE, "password", WRONG_PASSWORD,
          "csrf", "forged"));
    }
    assertNoSecretIn(capture.all());
  }

  @Test
  void aSessionEndedForBeingIdleLogsNoSecret() throws IOException {
    TestClock clock = TestClock.realTime();
    Path data = Files.createTempDirectory("signet-idle-logs");
    try (WebFixture fixture = WebFixture.start(data, CaDatabase.inDataFolder(data), clock)) {
      secrets.addAll(List.of(new String(WebFixture.CA_PASSPHRASE), WebFixture.PASSWORD, WebFixture.ID_PASSWORD));
      fixture.ids.values().forEach(this::keyOf);
      WebClient alice = signIn(fixture, WebFixture.ALICE, WebFixture.PASSWORD);
      alice.submit("/web/ids", "/web/ids/unlock", Map.of("password", WebFixture.ID_PASSWORD));
      secrets.add(alice.csrf("/web/inbox"));

      clock.advance(Sessions.IDLE);

      assertThat(alice.get("/web/inbox").statusCode()).isEqualTo(303);
    }
    assertNoSecretIn(capture.all());
  }

  @Test
  void settingUpAndStartingTheDemoLogsNoSecret() throws IOException {
    String password = "demo set-up password 11";
    secrets.add(password);
    Path data = Files.createTempDirectory("signet-demo-logs");
    try (CertificateAuthority ca = CertificateAuthority.open(CaDatabase.inDataFolder(data))) {
      ca.init("CN=Example.org CA,O=example.org", KeyType.EC_P384, "http://127.0.0.1:1", password.toCharArray(), "test");
    }
    Organisation demo = Organisation.demo(CaDatabase.inDataFolder(data), MailServiceConfig.defaults(data.resolve("mail"))
        .withHost("127.0.0.1").withPorts(0, 0, 0, 0), OrganisationDirectory.embedded(0), password.toCharArray());
    try (Service service = Service.start(ServiceConfig.defaults(data).withHost("127.0.0.1").withPorts(0, 0)
        .withParts(List.of(demo)), password.toCharArray())) {
      assertThat(demo.demoOutcome()).isPresent();
    }
    assertNoSecretIn(capture.all());
  }

  private WebClient signIn(WebFixture fixture, String email, String password) throws IOException {
    WebClient c = new WebClient(fixture);
    HttpResponse<String> r = c.post("/web/signin", Map.of("email", email, "password", password,
        "csrf", c.csrf("/web/signin")));
    assertThat(r.statusCode()).isEqualTo(303);
    r.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith(WebUi.SESSION_COOKIE + "="))
        .map(h -> h.substring(WebUi.SESSION_COOKIE.length() + 1, h.indexOf(';'))).forEach(secrets::add);
    return c;
  }

  /** A private key as base64 and hex of its encoding, and its EC scalar in hex and decimal. */
  private void keyOf(DigitalId id) {
    byte[] encoded = id.privateKey().getEncoded();
    secrets.add(Base64.getEncoder().encodeToString(encoded));
    secrets.add(HexFormat.of().formatHex(encoded));
    if (id.privateKey() instanceof ECPrivateKey ec) {
      secrets.add(ec.getS().toString(16));
      secrets.add(ec.getS().toString());
    }
  }

  private void assertNoSecretIn(String logs) {
    assertThat(logs).as("the capture hears the service").contains("Javalin");
    for (String secret : secrets) {
      assertThat(logs).as("the logs hold a secret").doesNotContain(secret);
    }
  }
}
