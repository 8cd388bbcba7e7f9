package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigitalId;
import dev.signet.core.EncryptOptions;
import dev.signet.core.KeyType;
import dev.signet.core.Smime;
import dev.signet.pki.CaDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of one service over one database, as behind a load balancer: a person's digital IDs, a
 * session's unlocked keys and the sign-in limits are the same whichever node a request reaches.
 */
class WebTwoNodesTest {
  private static final String FILE_PASSWORD = "import file password";
  private static Path data;
  private static CaDatabase database;
  private static WebFixture first;
  private static WebFixture second;

  @BeforeAll
  static void start() throws IOException {
    data = Files.createTempDirectory("signet-web-two-nodes");
    database = CaDatabase.inDataFolder(data);
    first = WebFixture.start(data, database);
    second = WebFixture.anotherNode(first, database);
  }

  @AfterAll
  static void stop() {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
  }

  @Test
  void anIdImportedOnOneNodeReadsMailOnTheOtherWithTheSessionUnlockedOnTheFirstOnly() throws IOException {
    DigitalId imported = DigitalId.selfSigned(WebFixture.ALICE, "Alice", KeyType.EC_P256, Clock.systemUTC(),
        new SecureRandom());
    WebClient onFirst = WebClient.signedIn(first, WebFixture.ALICE);
    WebClient onSecond = onFirst.at(second::https);
    assertThat(new String(onFirst.upload("/web/ids", "/web/ids/import", Map.of("filepassword", FILE_PASSWORD,
        "password", WebFixture.ID_PASSWORD), "file", "alice.p12", pkcs12(imported)).body(), StandardCharsets.UTF_8))
        .contains("Imported " + name(imported));
    assertThat(onSecond.get("/web/ids").body()).contains(name(imported)).doesNotContain("id=\"unlocked\"");

    assertThat(onFirst.submit("/web/ids", "/web/ids/unlock", Map.of("password", WebFixture.ID_PASSWORD)).statusCode())
        .isEqualTo(303);
    String id = deliverEncrypted(imported.certificate(), "words only the imported key opens");

    assertThat(onSecond.get("/web/mail/" + id).body()).contains("words only the imported key opens");
    assertThat(onSecond.get("/web/ids").body()).contains("id=\"unlocked\"");
  }

  @Test
  void lockingOnOneNodeLocksTheSessionOnTheOther() throws IOException {
    WebClient onFirst = WebClient.signedIn(first, WebFixture.ALICE);
    WebClient onSecond = onFirst.at(second::https);
    onFirst.submit("/web/ids", "/web/ids/unlock", Map.of("password", WebFixture.ID_PASSWORD));
    String id = deliverEncrypted(first.ids.get(WebFixture.ALICE).certificate(), "read before the lock");
    assertThat(onSecond.get("/web/mail/" + id).body()).contains("read before the lock");

    onFirst.submit("/web/ids", "/web/ids/lock", Map.of());

    assertThat(onSecond.get("/web/mail/" + id).body()).doesNotContain("read before the lock");
    assertThat(onSecond.get("/web/ids").body()).doesNotContain("id=\"unlocked\"");
  }

  @Test
  void signingOutOnOneNodeEndsTheSessionAndWhatItKeptOnBoth() throws IOException, SQLException {
    WebClient onFirst = WebClient.signedIn(first, WebFixture.BOB);
    WebClient onSecond = onFirst.at(second::https);
    onFirst.submit("/web/ids", "/web/ids/unlock", Map.of("password", WebFixture.ID_PASSWORD));
    int kept = keptSecrets();

    onSecond.submit("/web/inbox", "/web/signout", Map.of());

    assertThat(onFirst.get("/web/inbox").statusCode()).isEqualTo(303);
    assertThat(keptSecrets()).isEqualTo(kept - 1);
  }

  @Test
  void failedSignInsOnOneNodeCountOnTheOther() throws IOException {
    String carol = "carol@example.org";
    first.web.accounts().create(carol, "Carol", Accounts.Role.PERSON, WebFixture.PASSWORD.toCharArray());
    WebClient onFirst = new WebClient(first);
    for (int i = 0; i < LoginLimiter.MAX_FAILURES; i++) {
      assertThat(onFirst.post("/web/signin", Map.of("email", carol, "password", "guess " + i,
          "csrf", onFirst.csrf("/web/signin"))).statusCode()).isEqualTo(401);
    }
    WebClient onSecond = new WebClient(second);

    assertThat(onSecond.post("/web/signin", Map.of("email", carol, "password", WebFixture.PASSWORD,
        "csrf", onSecond.csrf("/web/signin"))).statusCode()).isEqualTo(429);
  }

  @Test
  void theDatabaseHoldsTheKeptPasswordOnlySealed() throws IOException, SQLException {
    WebClient.signedIn(first, WebFixture.ALICE).submit("/web/ids", "/web/ids/unlock",
        Map.of("password", WebFixture.ID_PASSWORD));
    assertThat(keptSecrets()).isPositive();

    String file = new String(databaseFile(), StandardCharsets.ISO_8859_1); // one character a byte

    assertThat(file).as("the file keeps text in clear").contains(WebFixture.ALICE);
    assertThat(file).doesNotContain(WebFixture.ID_PASSWORD);
  }

  private static String deliverEncrypted(X509Certificate to, String words) throws IOException {
    String text = "From: bob@example.org\r\nTo: alice@example.org\r\nSubject: sealed\r\n\r\n" + words + "\r\n";
    ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
    Smime.withDefaults().encrypt(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        EncryptOptions.defaults(List.of(to)), encrypted);
    Set<String> before = ids();
    first.web.mailboxes().deliver(WebFixture.BOB, List.of(WebFixture.ALICE), encrypted.toByteArray());
    List<String> added = new ArrayList<>(ids());
    added.removeAll(before);
    return added.get(0);
  }

  private static Set<String> ids() {
    return first.web.mailboxes().list(WebFixture.ALICE).stream().map(Mailboxes.Message::id).collect(Collectors.toSet());
  }

  private static byte[] pkcs12(DigitalId id) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    id.writePkcs12(out, FILE_PASSWORD.toCharArray(), 10_000, new SecureRandom());
    return out.toByteArray();
  }

  private static String name(DigitalId id) {
    return "id-" + id.certificate().getSerialNumber().toString(16);
  }

  private static int keptSecrets() throws SQLException {
    try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM web_session_secret")) {
      r.next();
      return r.getInt(1);
    }
  }

  /** The H2 file as a copy of it would leak, after H2 has written everything out. */
  private static byte[] databaseFile() throws IOException, SQLException {
    try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement s = c.createStatement()) {
      s.execute("CHECKPOINT SYNC");
    }
    return Files.readAllBytes(data.resolve("ca.mv.db"));
  }
}
