package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reply, Reply all and Forward (issue 18): compose filled in as signet-mail answers the message read. */
class WebAnswerTest {
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

  @Test
  void aReplyToAnEncryptedMessageIsEncryptedAndQuotesTheOriginal() throws IOException {
    String id = sendEncrypted("Plans", "Meet at noon.");

    String page = bob.get("/web/mail/" + id + "/reply").body();
    assertThat(value(page, "to")).isEqualTo(WebFixture.ALICE);
    assertThat(value(page, "subject")).isEqualTo("Re: Plans");
    assertThat(page).containsPattern("name=\"encrypt\" id=\"encrypt\" value=\"1\" checked");
    assertThat(body(page)).contains("> Meet at noon.");

    assertThat(sendAgain(bob, page, List.of()).statusCode()).isEqualTo(303);
    String reply = fixture.newest(WebFixture.ALICE).id();
    assertThat(raw(WebFixture.ALICE, reply)).contains("application/pkcs7-mime");
    String opened = alice.get("/web/mail/" + reply).body();
    assertThat(opened).contains("Encrypted with").contains("&gt; Meet at noon.");
  }

  @Test
  void aReplyNamesTheOriginalInInReplyToAndReferences() throws IOException {
    fixture.web.mailboxes().deliver(WebFixture.ALICE, List.of(WebFixture.BOB), plain("Subject: Lunch\r\n"
        + "Message-ID: <lunch-2@example.org>\r\nReferences: <lunch-1@example.org>\r\n", "Noon?"));

    String page = bob.get("/web/mail/" + fixture.newest(WebFixture.BOB).id() + "/reply").body();
    sendAgain(bob, page, List.of());

    assertThat(raw(WebFixture.ALICE, fixture.newest(WebFixture.ALICE).id())).contains("In-Reply-To: <lunch-2@example.org>")
        .contains("References: <lunch-1@example.org>\r\n <lunch-2@example.org>");
  }

  @Test
  void replyAllCopiesTheOtherRecipientsButNotTheReader() throws IOException {
    fixture.web.mailboxes().deliver(WebFixture.ALICE, List.of(WebFixture.BOB), plain("Subject: Team\r\n"
        + "Cc: Carol <carol@example.org>\r\n", "All of us."));

    String page = bob.get("/web/mail/" + fixture.newest(WebFixture.BOB).id() + "/reply-all").body();

    assertThat(value(page, "to")).isEqualTo(WebFixture.ALICE);
    assertThat(value(page, "cc")).isEqualTo("carol@example.org");
  }

  @Test
  void aForwardAttachesTheOriginalAsAMessageItsRecipientCanRead() throws IOException {
    String id = sendEncrypted("Figures", "The figures for March.");

    String page = bob.get("/web/mail/" + id + "/forward").body();
    assertThat(value(page, "to")).isEmpty();
    assertThat(value(page, "subject")).isEqualTo("Fwd: Figures");
    assertThat(page).contains("id=\"forwarded\"");
    assertThat(sendAgain(bob, page, List.of(Map.entry("to", WebFixture.ALICE))).statusCode()).isEqualTo(303);

    String forward = fixture.newest(WebFixture.ALICE).id();
    assertThat(alice.get("/web/mail/" + forward).body()).contains("forwarded.eml").contains("message/rfc822");
    String attached = new String(alice.getBytes("/web/mail/" + forward + "/attachment/0").body(),
        StandardCharsets.UTF_8);
    assertThat(attached).contains("Subject: Figures").contains("The figures for March");
  }

  @Test
  void answeringAMessageOfAnotherMailboxIsRefused() throws IOException {
    String bobs = sendEncrypted("For Bob", "Not for Alice's eyes.");

    assertThat(alice.get("/web/mail/" + bobs + "/reply").statusCode()).isEqualTo(404);
    assertThat(alice.get("/web/mail/" + bobs + "/forward").statusCode()).isEqualTo(404);
  }

  /** Alice sends Bob a signed and encrypted message; its id in Bob's mailbox. */
  private static String sendEncrypted(String subject, String text) throws IOException {
    HttpResponse<String> sent = alice.postMultipart("/web/compose", "/web/compose", List.of(
        Map.entry("to", WebFixture.BOB), Map.entry("subject", subject), Map.entry("body", text),
        Map.entry("sign", "1"), Map.entry("encrypt", "1")), List.of());
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(303);
    return fixture.newest(WebFixture.BOB).id();
  }

  /** Sends the compose form as the page filled it in, with {@code changed} fields set over it. */
  private static HttpResponse<String> sendAgain(WebClient who, String page, List<Map.Entry<String, String>> changed)
      throws IOException {
    List<Map.Entry<String, String>> fields = new ArrayList<>(changed);
    for (String name : List.of("to", "cc", "subject", "in-reply-to", "references", "forward")) {
      if (changed.stream().noneMatch(e -> e.getKey().equals(name)) && page.contains("name=\"" + name + "\"")) {
        fields.add(Map.entry(name, value(page, name)));
      }
    }
    fields.add(Map.entry("body", body(page)));
    for (String box : List.of("sign", "encrypt")) {
      if (page.matches("(?s).*name=\"" + box + "\" id=\"" + box + "\" value=\"1\" checked.*")) {
        fields.add(Map.entry(box, "1"));
      }
    }
    HttpResponse<String> r = who.postMultipart("/web/compose", "/web/compose", fields, List.of());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    return r;
  }

  private static byte[] plain(String fields, String text) {
    return ("From: Alice <" + WebFixture.ALICE + ">\r\nTo: " + WebFixture.BOB + "\r\n" + fields
        + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String value(String page, String name) {
    Matcher m = Pattern.compile("name=\"" + name + "\"[^>]*? value=\"([^\"]*)\"").matcher(page);
    return m.find() ? unescape(m.group(1)) : "";
  }

  private static String body(String page) {
    Matcher m = Pattern.compile("(?s)<textarea name=\"body\"[^>]*>(.*?)</textarea>").matcher(page);
    assertThat(m.find()).isTrue();
    return unescape(m.group(1));
  }

  private static String unescape(String html) {
    return html.replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", "\"").replace("&#39;", "'")
        .replace("&quot;", "\"").replace("&amp;", "&");
  }

  private static String raw(String owner, String id) {
    return new String(fixture.web.mailboxes().fetch(Mailboxes.Owner.of(owner), id).orElseThrow().raw(),
        StandardCharsets.ISO_8859_1);
  }
}
