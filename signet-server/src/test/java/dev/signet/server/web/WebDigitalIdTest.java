package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigitalId;
import dev.signet.core.EncryptOptions;
import dev.signet.core.KeyType;
import dev.signet.core.Smime;
import dev.signet.mail.IdStore;
import dev.signet.pki.CaDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Digital IDs kept on the server: PKCS#12 import and export, non-exportable IDs, and mail no key opens. */
class WebDigitalIdTest {
  private static final String ERIN = "erin@example.org";
  private static final String ERIN_ID_PASSWORD = "erin's digital-ID password";
  private static WebFixture fixture;

  @BeforeAll
  static void start() throws IOException {
    fixture = WebFixture.start();
    fixture.web.accounts().create(ERIN, "Erin", Accounts.Role.PERSON, WebFixture.PASSWORD.toCharArray());
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static byte[] pkcs12(DigitalId id, String password) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    id.writePkcs12(out, password.toCharArray(), 10_000, new SecureRandom());
    return out.toByteArray();
  }

  @Test
  void anImportedIdIsKeptUnderTheDigitalIdPasswordAndExportsAgain() throws IOException {
    DigitalId id = DigitalId.selfSigned(ERIN, "Erin", KeyType.EC_P256, Clock.systemUTC(), new SecureRandom());
    WebClient erin = WebClient.signedIn(fixture, ERIN);
    HttpResponse<byte[]> imported = erin.upload("/web/ids", "/web/ids/import", Map.of("filepassword", "file password",
        "password", ERIN_ID_PASSWORD, "exportable", "1"), "file", "erin.p12", pkcs12(id, "file password"));
    assertThat(new String(imported.body(), StandardCharsets.UTF_8)).contains("Imported id-");
    assertThat(erin.submit("/web/ids", "/web/ids/unlock", Map.of("password", ERIN_ID_PASSWORD)).statusCode())
        .isEqualTo(303);

    String name = "id-" + id.certificate().getSerialNumber().toString(16);
    HttpResponse<byte[]> exported = erin.postForBytes("/web/ids", "/web/ids/export",
        Map.of("name", name, "password", ERIN_ID_PASSWORD));
    assertThat(exported.headers().firstValue("Content-Type")).hasValue("application/x-pkcs12");
    DigitalId back = DigitalId.readPkcs12(new ByteArrayInputStream(exported.body()), ERIN_ID_PASSWORD.toCharArray());
    assertThat(back.certificate()).isEqualTo(id.certificate());
  }

  @Test
  void aFileThatDoesNotOpenWithItsPasswordIsRefused() throws IOException {
    DigitalId id = DigitalId.selfSigned(ERIN, "Erin", KeyType.EC_P256, Clock.systemUTC(), new SecureRandom());
    HttpResponse<byte[]> r = WebClient.signedIn(fixture, ERIN).upload("/web/ids", "/web/ids/import",
        Map.of("filepassword", "wrong", "password", ERIN_ID_PASSWORD), "file", "x.p12", pkcs12(id, "right"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("cannot be opened with that password");
  }

  @Test
  void aNonExportableIdIsNeverExported() throws IOException {
    WebClient alice = WebClient.signedIn(fixture, WebFixture.ALICE);
    String name = "id-" + fixture.ids.get(WebFixture.ALICE).certificate().getSerialNumber().toString(16);
    HttpResponse<byte[]> r = alice.postForBytes("/web/ids", "/web/ids/export",
        Map.of("name", name, "password", WebFixture.ID_PASSWORD));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("non-exportable");
  }

  @Test
  void bobCannotExportAlicesIdByItsName() throws IOException {
    String name = "id-" + fixture.ids.get(WebFixture.ALICE).certificate().getSerialNumber().toString(16);
    HttpResponse<byte[]> r = WebClient.signedIn(fixture, WebFixture.BOB).postForBytes("/web/ids", "/web/ids/export",
        Map.of("name", name, "password", WebFixture.ID_PASSWORD));
    assertThat(r.statusCode()).isEqualTo(404);
  }

  @Test
  void mailNoKeyOpensShowsTheOrganisationsNeedEncryptionString() throws IOException {
    WebClient admin = WebClient.signedIn(fixture, WebFixture.ADMIN);
    admin.submit("/web/admin/policy", "/web/admin/policy",
        Map.of("name", "NeedEncryptionString", "value", "Ask the help desk for your digital ID"));
    String text = "From: alice@example.org\r\nTo: bob@example.org\r\nSubject: Only Alice can read this\r\n\r\nthe sealed words\r\n";
    ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
    Smime.withDefaults().encrypt(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        EncryptOptions.defaults(List.of(fixture.ids.get(WebFixture.ALICE).certificate())), encrypted);
    fixture.web.mailboxes().deliver(WebFixture.ALICE, List.of(WebFixture.BOB), encrypted.toByteArray());
    WebClient bob = WebClient.signedIn(fixture, WebFixture.BOB);
    bob.submit("/web/ids", "/web/ids/unlock", Map.of("password", WebFixture.ID_PASSWORD));
    String id = fixture.newest(WebFixture.BOB).id();
    String page = bob.get("/web/mail/" + id).body();
    assertThat(page).contains("Ask the help desk for your digital ID", "cannot decrypt").doesNotContain("the sealed words");
  }

  @Test
  void aStoreAnEarlierVersionKeptAsFilesInTheDataFolderMovesIntoTheDatabase() throws IOException {
    String dave = "dave@example.org";
    fixture.web.accounts().create(dave, "Dave", Accounts.Role.PERSON, WebFixture.PASSWORD.toCharArray());
    Path data = Files.createTempDirectory("signet-web-upgrade");
    Path folders = data.resolve("web-ids");
    DigitalId id = DigitalId.selfSigned(dave, "Dave", KeyType.EC_P256, Clock.systemUTC(), new SecureRandom());
    IdStore.open(folders.resolve(Sessions.hash(dave))).add("dave", id, WebFixture.ID_PASSWORD.toCharArray());

    try (WebFixture upgraded = WebFixture.anotherNode(fixture, CaDatabase.inDataFolder(fixture.data), data)) {
      assertThat(upgraded.web.idStore(dave).load("dave", WebFixture.ID_PASSWORD.toCharArray()).certificate())
          .isEqualTo(id.certificate());
      assertThat(folders).doesNotExist();
    }
  }
}
