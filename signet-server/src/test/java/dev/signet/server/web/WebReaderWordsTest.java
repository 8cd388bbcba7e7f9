package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.core.SignOptions;
import dev.signet.core.Smime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reader in a person's words: names from certificates, the display-name note, what a signed receipt confirms. */
class WebReaderWordsTest {
  private static final String CAROL = "carol@partner.example";
  private static WebFixture fixture;
  private static DigitalId carol;

  @BeforeAll
  static void start() throws IOException {
    fixture = WebFixture.start();
    carol = DigitalId.selfSigned(CAROL, "Carol Example", KeyType.EC_P256, Clock.systemUTC(), new SecureRandom());
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void theBannerNamesTheSignerByTheCertificatesNameAndAddress() throws IOException {
    String page = readNewest(WebFixture.ALICE, signedByCarol("Carol Example <" + CAROL + ">", "Names"));
    assertThat(page).contains("Signed by: Carol Example &lt;carol@partner.example&gt;, issued by Carol Example:");
  }

  @Test
  void theFullDistinguishedNamesAreOnlyInADetailsElement() throws IOException {
    String page = readNewest(WebFixture.ALICE, signedByCarol(CAROL, "Details"));
    String banner = page.substring(page.indexOf("id=\"banner\""), page.indexOf("id=\"details\""));
    assertThat(banner).doesNotContain("CN=");
    assertThat(page).containsPattern("<details class=\"dn\"><summary>[^<]*</summary>subject [^<]*CN=Carol Example");
  }

  @Test
  void anIssuerIsNamedByItsCommonNameNotItsDistinguishedName() throws IOException {
    WebClient alice = WebClient.unlocked(fixture, WebFixture.ALICE);
    alice.submit("/web/compose", "/web/compose", Map.of("to", WebFixture.BOB, "subject", "From the CA", "body", "hi",
        "sign", "1", "clear", "1"));
    String page = WebClient.signedIn(fixture, WebFixture.BOB).get("/web/mail/" + fixture.newest(WebFixture.BOB).id())
        .body();
    assertThat(page).contains("Signed by: alice@example.org, issued by ").doesNotContain("issued by CN=");
  }

  @Test
  void aDisplayNameTheCertificateDoesNotCarryIsANeutralNoteNotADifferentAddress() throws IOException {
    String page = readNewest(WebFixture.ALICE, signedByCarol("The Manager <" + CAROL + ">", "Display name"));
    assertThat(page).contains("<p class=\"note\" id=\"name-note\">The name shown beside the sender's address is"
        + " their own wording");
    assertThat(page).doesNotContain("Signed by a different address");
  }

  @Test
  void anAddressTheCertificateDoesNotCarryIsStillSignedByADifferentAddress() throws IOException {
    String page = readNewest(WebFixture.ALICE, signedByCarol("dave@partner.example", "Other address"));
    assertThat(page).contains("Signed by a different address than From").doesNotContain("id=\"name-note\"");
  }

  @Test
  void aSignedReceiptSaysWhichSentMessageItConfirms() throws IOException {
    WebClient alice = WebClient.unlocked(fixture, WebFixture.ALICE);
    alice.submit("/web/compose", "/web/compose", Map.of("to", WebFixture.BOB, "subject", "Contract draft 7",
        "body", "please confirm", "sign", "1", "receipt", "1", "clear", "1"));
    WebClient bob = WebClient.unlocked(fixture, WebFixture.BOB);
    String asked = fixture.newest(WebFixture.BOB).id();
    assertThat(bob.submit("/web/mail/" + asked, "/web/mail/" + asked + "/receipt", Map.of()).statusCode())
        .isEqualTo(303);

    String receipt = alice.get("/web/mail/" + fixture.newest(WebFixture.ALICE).id() + "?show=1").body();
    assertThat(receipt).contains("id=\"receipt-confirms\"", "This signed receipt confirms your message",
        "“Contract draft 7”, sent ");
  }

  @Test
  void aSignedReceiptForNoMessageInTheSentRecordsSaysSo() throws IOException {
    WebClient alice = WebClient.unlocked(fixture, WebFixture.ALICE);
    alice.submit("/web/compose", "/web/compose", Map.of("to", WebFixture.BOB, "subject", "Someone else's",
        "body", "receipt please", "sign", "1", "receipt", "1", "clear", "1"));
    WebClient bob = WebClient.unlocked(fixture, WebFixture.BOB);
    String asked = fixture.newest(WebFixture.BOB).id();
    bob.submit("/web/mail/" + asked, "/web/mail/" + asked + "/receipt", Map.of());
    byte[] receipt = fixture.newest(WebFixture.ALICE).raw();
    fixture.web.mailboxes().deliver(WebFixture.BOB, List.of(WebFixture.BOB), receipt); // bob sent no such message

    String page = bob.get("/web/mail/" + fixture.newest(WebFixture.BOB).id() + "?show=1").body();
    assertThat(page).contains("This signed receipt confirms a message not found in your Sent records.");
  }

  private static byte[] signedByCarol(String from, String subject) throws IOException {
    String text = "From: " + from + "\r\nTo: " + WebFixture.ALICE + "\r\nSubject: " + subject
        + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello.\r\n";
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    Smime.withDefaults().sign(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        SignOptions.defaults(carol), signed);
    return signed.toByteArray();
  }

  private static String readNewest(String reader, byte[] message) throws IOException {
    fixture.web.mailboxes().deliver(CAROL, List.of(reader), message);
    return WebClient.signedIn(fixture, reader).get("/web/mail/" + fixture.newest(reader).id() + "?show=1").body();
  }
}
