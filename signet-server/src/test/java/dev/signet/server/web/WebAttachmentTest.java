package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Attachments in compose and in the message view: they travel inside the signed and encrypted
 * message, download as files only, and their untrusted names never become paths, markup or headers.
 */
class WebAttachmentTest {
  private static WebFixture fixture;
  private static WebClient alice;
  private static WebClient bob;

  @BeforeAll
  static void start() throws IOException {
    fixture = WebFixture.start();
    alice = WebClient.unlocked(fixture, WebFixture.ALICE);
    bob = WebClient.unlocked(fixture, WebFixture.BOB);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  /** Alice sends Bob a signed, encrypted message with {@code files}; the answer to the post. */
  private static HttpResponse<String> sendToBob(String subject, List<WebClient.FilePart> files) throws IOException {
    return alice.postMultipart("/web/compose", "/web/compose", List.of(Map.entry("to", WebFixture.BOB),
        Map.entry("subject", subject), Map.entry("body", "see attached"), Map.entry("sign", "1"),
        Map.entry("encrypt", "1"), Map.entry("action", "send")), files);
  }

  private static WebClient.FilePart file(String name, String type, String content) {
    return new WebClient.FilePart("attachment", name, type, content.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anAttachmentTravelsEncryptedAndBobDownloadsItAsAFile() throws IOException {
    String marker = "attachment-content-7f1c2b";
    assertThat(sendToBob("Report attached", List.of(file("report.txt", "text/plain", marker))).statusCode())
        .isEqualTo(303);
    String id = fixture.newest(WebFixture.BOB).id();
    assertThat(new String(fixture.newest(WebFixture.BOB).raw(), StandardCharsets.ISO_8859_1))
        .contains("application/pkcs7-mime").doesNotContain(marker);

    String page = bob.get("/web/mail/" + id).body();
    assertThat(page).contains("valid signature, trusted", "report.txt", "/web/mail/" + id + "/attachment/0");
    HttpResponse<byte[]> download = bob.getBytes("/web/mail/" + id + "/attachment/0");
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(new String(download.body(), StandardCharsets.UTF_8)).isEqualTo(marker);
    assertThat(download.headers().firstValue("Content-Disposition")).hasValue(
        "attachment; filename=\"report.txt\"; filename*=UTF-8''report.txt");
    assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/octet-stream"));
    assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void anHtmlAttachmentIsNeverRenderedAsAPageOfTheSite() throws IOException {
    sendToBob("A page", List.of(file("page.html", "text/html", "<script>alert(document.cookie)</script>")));
    HttpResponse<byte[]> download = bob.getBytes("/web/mail/" + fixture.newest(WebFixture.BOB).id() + "/attachment/0");

    assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/octet-stream"));
    assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(
        d -> assertThat(d).startsWith("attachment;"));
    assertThat(download.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
        c -> assertThat(c).contains("sandbox"));
  }

  @Test
  void pathPartsOfAnAttachmentNameAreDroppedAndNeverBecomeAFileOnTheServer() throws IOException {
    sendToBob("Traversal", List.of(file("../../etc/passwd", "text/plain", "root:x:0:0"),
        file("..\\..\\x.exe", "application/octet-stream", "MZ")));
    String page = bob.get("/web/mail/" + fixture.newest(WebFixture.BOB).id()).body();

    assertThat(page).contains(">passwd</a>", ">x.exe</a>").doesNotContain("../", "..\\");
    try (Stream<Path> files = Files.walk(fixture.data)) {
      assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("passwd", "x.exe");
    }
  }

  @Test
  void markupInAnAttachmentNameIsShownAsText() throws IOException {
    sendToBob("Markup", List.of(file("<img src=x onerror=alert(1)>.txt", "text/plain", "x")));
    String page = bob.get("/web/mail/" + fixture.newest(WebFixture.BOB).id()).body();

    assertThat(page).contains("&lt;img src=x onerror=alert(1)&gt;.txt").doesNotContain("<img src=x");
  }

  @Test
  void aLineBreakInAnAttachmentNameCannotAddAHeader() throws IOException {
    HttpResponse<String> r = sendToBob("Injection", List.of(file("a.txt\r\nBcc: mallory@example.org\r\nX-Evil: 1",
        "text/plain", "x")));
    assertThat(r.statusCode()).isIn(303, 400);
    for (String mailbox : List.of(WebFixture.BOB, "mallory@example.org")) {
      for (Mailboxes.Message m : fixture.web.mailboxes().list(mailbox)) {
        String raw = new String(m.raw(), StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("\r\nBcc:", "\r\nX-Evil:");
      }
    }
    assertThat(fixture.web.mailboxes().list("mallory@example.org")).isEmpty();
  }

  @Test
  void aCleanedNameKeepsNoPathControlCharacterOrQuote() {
    assertThat(Attachment.safeName("../../etc/passwd")).isEqualTo("passwd");
    assertThat(Attachment.safeName("..\\..\\x.exe")).isEqualTo("x.exe");
    assertThat(Attachment.safeName("a.txt\r\nBcc: m@example.org")).isEqualTo("a.txtBcc: m@example.org");
    assertThat(Attachment.safeName("say \"hi\".txt")).isEqualTo("say hi.txt");
    assertThat(Attachment.safeName("..")).isEqualTo("attachment");
    assertThat(Attachment.safeName(".hidden")).isEqualTo("hidden");
  }

  @Test
  void aNameOutsideAsciiTravelsAsAnRfc2231ValueAndComesBackWhole() throws IOException {
    sendToBob("Umlaut", List.of(file("Bericht März \"final\".pdf", "application/pdf", "%PDF-1.7")));
    String id = fixture.newest(WebFixture.BOB).id();

    assertThat(bob.get("/web/mail/" + id).body()).contains("Bericht März final.pdf");
    assertThat(bob.getBytes("/web/mail/" + id + "/attachment/0").headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"Bericht M_rz final.pdf\"; filename*=UTF-8''Bericht%20M%C3%A4rz%20final.pdf");
  }

  @Test
  void moreThanTenAttachmentsAreRefusedAndNothingIsSent() throws IOException {
    int before = fixture.web.mailboxes().list(WebFixture.BOB).size();
    List<WebClient.FilePart> eleven = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      eleven.add(file("f" + i + ".txt", "text/plain", "x"));
    }
    HttpResponse<String> r = sendToBob("Too many", eleven);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("At most 10 attachments.");
    assertThat(fixture.web.mailboxes().list(WebFixture.BOB)).hasSize(before);
  }

  @Test
  void anAttachmentOfAMegabyteArrivesWhole() throws IOException {
    byte[] content = new byte[1 << 20];
    new java.util.Random(7).nextBytes(content);
    HttpResponse<String> r = sendToBob("Large", List.of(new WebClient.FilePart("attachment", "large.bin",
        "application/octet-stream", content)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);

    assertThat(bob.getBytes("/web/mail/" + fixture.newest(WebFixture.BOB).id() + "/attachment/0").body()).isEqualTo(content);
  }

  @Test
  void anAttachmentOverFourMegabytesIsRefusedAndNothingIsSent() throws IOException {
    int before = fixture.web.mailboxes().list(WebFixture.BOB).size();
    String big = String.join("", Collections.nCopies((4 << 20) / 8 + 1, "12345678"));
    HttpResponse<String> r = sendToBob("Too big", List.of(file("big.bin", "application/octet-stream", big)));

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("at most 10 files, 4 MB each").doesNotContain("Exception", "at dev.signet", "at org.eclipse");
    assertThat(fixture.web.mailboxes().list(WebFixture.BOB)).hasSize(before);
  }

  @Test
  void aliceCannotDownloadAnAttachmentOfBobsMail() throws IOException {
    sendToBob("For Bob only", List.of(file("secret.txt", "text/plain", "bob's secret")));
    String id = fixture.newest(WebFixture.BOB).id();

    HttpResponse<byte[]> r = alice.getBytes("/web/mail/" + id + "/attachment/0");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("bob's secret");
  }
}
