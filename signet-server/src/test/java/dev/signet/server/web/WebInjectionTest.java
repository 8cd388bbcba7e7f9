package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What attackers put into the web UI's input: markup in display names and mail (shown as text, HTML
 * mail only in a sandboxed frame that fetches nothing), line breaks in compose's header fields, and
 * path names in an uploaded PKCS#12 file's name.
 */
class WebInjectionTest {
  private static final String MARKUP = "<img src=x onerror=alert(1)>";
  private static WebFixture fixture;

  @BeforeAll
  static void start() throws IOException {
    fixture = WebFixture.start();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void markupInAPersonsDisplayNameIsShownAsText() throws IOException {
    fixture.web.accounts().create("grace@example.org", MARKUP, Accounts.Role.PERSON, WebFixture.PASSWORD.toCharArray());
    String people = WebClient.signedIn(fixture, WebFixture.ADMIN).get("/web/admin/people").body();
    assertThat(people).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain(MARKUP);
    assertThat(WebClient.signedIn(fixture, "grace@example.org").get("/web/inbox").body()).doesNotContain(MARKUP);
  }

  @Test
  void markupInASendersDisplayNameIsShownAsText() throws IOException {
    String mail = "From: \"" + MARKUP + "\" <" + WebFixture.BOB + ">\r\nTo: " + WebFixture.ALICE
        + "\r\nSubject: display name\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhello\r\n";
    fixture.web.mailboxes().deliver(WebFixture.BOB, List.of(WebFixture.ALICE), mail.getBytes(StandardCharsets.UTF_8));
    WebClient alice = WebClient.signedIn(fixture, WebFixture.ALICE);
    assertThat(alice.get("/web/inbox").body()).doesNotContain(MARKUP);
    String id = newest(WebFixture.ALICE);
    assertThat(alice.get("/web/mail/" + id).body()).doesNotContain(MARKUP);
  }

  @Test
  void htmlMailIsFramedSandboxedAndMayFetchNothing() throws IOException {
    fixture.deliverHtml(WebFixture.BOB, WebFixture.ALICE, "Newsletter",
        "<p>Hi</p><script>alert(1)</script><img src=\"https://tracker.example/pixel.gif\">");
    WebClient alice = WebClient.signedIn(fixture, WebFixture.ALICE);
    String id = newest(WebFixture.ALICE);
    String page = alice.get("/web/mail/" + id).body();
    assertThat(page).contains("<iframe sandbox=\"\"").doesNotContain("<script>alert(1)", "tracker.example");
    HttpResponse<String> frame = alice.get("/web/mail/" + id + "/html");
    String csp = frame.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("sandbox", "default-src 'none'", "img-src data:").doesNotContain("script-src", "http");
    assertThat(frame.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void aLineBreakInARecipientIsRefusedAndNothingIsSent() throws IOException {
    WebClient alice = WebClient.signedIn(fixture, WebFixture.ALICE);
    int before = fixture.web.mailboxes().list(WebFixture.BOB).size();
    for (String to : List.of(WebFixture.BOB + "\r\nBcc: mallory@example.org", WebFixture.BOB + "\nBcc: mallory@example.org")) {
      HttpResponse<String> r = alice.submit("/web/compose", "/web/compose", Map.of("to", to, "subject", "hi", "body", "x"));
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).containsAnyOf("line breaks are not allowed", "Not an email address");
    }
    assertThat(fixture.web.mailboxes().list(WebFixture.BOB)).hasSize(before);
  }

  @Test
  void aPathInAnUploadedFileNameWritesNothingOutsideTheStore() throws IOException {
    DigitalId id = DigitalId.selfSigned(WebFixture.BOB, "Bob", KeyType.EC_P256, Clock.systemUTC(), new SecureRandom());
    ByteArrayOutputStream p12 = new ByteArrayOutputStream();
    id.writePkcs12(p12, "file password".toCharArray(), 10_000, new SecureRandom());
    WebClient bob = WebClient.signedIn(fixture, WebFixture.BOB);
    HttpResponse<byte[]> r = bob.upload("/web/ids", "/web/ids/import", Map.of("filepassword", "file password",
        "password", WebFixture.ID_PASSWORD), "file", "../../../../../tmp/signet-traversal-evil.p12", p12.toByteArray());
    String expected = "id-" + id.certificate().getSerialNumber().toString(16);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("Imported " + expected);
    assertThat(Path.of("/tmp/signet-traversal-evil.p12")).doesNotExist();
    try (Stream<Path> files = Files.walk(fixture.data)) {
      assertThat(files.filter(f -> f.getFileName().toString().contains("traversal-evil"))).isEmpty();
    }
  }

  private static String newest(String email) {
    return fixture.newest(email).id();
  }
}
