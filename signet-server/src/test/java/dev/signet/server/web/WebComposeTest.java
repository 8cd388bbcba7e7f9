package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientInfo;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientEncryptedKey;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Writing mail in the web as Outlook on the web users expect: recipients completed with their
 * certificate marks (and checked without script), To, Cc and Bcc with Bcc hidden from the others,
 * several attachments, drafts saved as they are typed, a confirmation after sending, and the policy's
 * locks explained.
 */
class WebComposeTest {
  private static final String CAROL = "carol@example.org";
  private static final String DAVE = "dave@example.org";
  private static final String ERIN = "erin@example.org";
  private static WebFixture fixture;
  private static WebClient alice;
  private static WebClient bob;

  @BeforeAll
  static void start() throws IOException {
    fixture = WebFixture.start();
    for (String p : List.of(CAROL, DAVE, ERIN)) {
      fixture.web.accounts().create(p, p.substring(0, p.indexOf('@')), Accounts.Role.PERSON,
          WebFixture.PASSWORD.toCharArray());
    }
    fixture.ids.put(CAROL, fixture.giveId(CAROL));
    fixture.ids.put(DAVE, fixture.giveId(DAVE)); // Erin has no digital ID
    alice = WebClient.unlocked(fixture, WebFixture.ALICE);
    bob = WebClient.unlocked(fixture, WebFixture.BOB);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static HttpResponse<String> send(List<Map.Entry<String, String>> fields, List<WebClient.FilePart> files)
      throws IOException {
    List<Map.Entry<String, String>> all = new ArrayList<>(fields);
    all.addAll(List.of(Map.entry("sign", "1"), Map.entry("encrypt", "1"), Map.entry("clear", "1"),
        Map.entry("action", "send")));
    return alice.postMultipart("/web/compose", "/web/compose", all, files);
  }

  @Test
  void completionMarksAPersonWithACertificateUsable() throws IOException {
    HttpResponse<String> r = alice.get("/web/compose/suggest?field=to&to=carol%40example.org%2C%20bo");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("bob@example.org", "class=\"mark usable\"", "certificate usable for encryption")
        .doesNotContain("carol@example.org");
  }

  @Test
  void completionMarksAPersonWithoutACertificateNoneFound() throws IOException {
    String body = alice.get("/web/compose/suggest?field=cc&cc=er").body();

    assertThat(body).contains("erin@example.org", "class=\"mark none-found\"", "no certificate found");
  }

  @Test
  void pickingASuggestionPutsItInPlaceOfWhatWasTyped() throws IOException {
    String body = alice.get("/web/compose/pick?field=to&to=carol%40example.org%2C%20bo&pick=bob%40example.org").body();

    assertThat(body).contains("value=\"carol@example.org, bob@example.org, \"");
  }

  @Test
  void theScriptComesFromTheServiceItselfAndBrowsersMayKeepIt() throws IOException {
    String compose = alice.get("/web/compose").body();
    assertThat(compose).contains("<script src=\"" + ComposeAssist.HTMX + "\"></script>").doesNotContain("<script>");
    HttpResponse<String> htmx = alice.get(ComposeAssist.HTMX);

    assertThat(htmx.statusCode()).isEqualTo(200);
    assertThat(htmx.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
    assertThat(htmx.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
        csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe"));
  }

  @Test
  void checkRecipientsWithoutScriptShowsEachMarkOnTheFormAgain() throws IOException {
    HttpResponse<String> r = alice.submit("/web/compose", "/web/compose", Map.of("to", WebFixture.BOB, "cc", ERIN,
        "subject", "kept as typed", "action", "check"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("id=\"marks\"", "value=\"kept as typed\"")
        .containsPattern("bob@example.org</span>: certificate usable for encryption")
        .containsPattern("erin@example.org</span>: no certificate found");
    assertThat(fixture.web.mailboxes().list(WebFixture.BOB).stream().map(m -> raw(m.raw())))
        .noneMatch(m -> m.contains("kept as typed"));
  }

  @Test
  void bccRecipientIsNamedNeitherInTheHeaderNorAsARecipientInfoOfTheOthersCopy() throws IOException {
    assertThat(send(List.of(Map.entry("to", WebFixture.BOB), Map.entry("cc", CAROL), Map.entry("bcc", DAVE),
        Map.entry("subject", "Bcc hidden"), Map.entry("body", "for the board")), List.of()).statusCode()).isEqualTo(303);

    String bobsCopy = raw(fixture.newest(WebFixture.BOB).raw());
    assertThat(bobsCopy).doesNotContainIgnoringCase(DAVE);
    // the header only: base64 may hold "bcc" by chance
    assertThat(bobsCopy.split("\r?\n\r?\n", 2)[0]).doesNotContainIgnoringCase("Bcc");
    assertThat(recipientInfoOwners(bobsCopy)).containsExactlyInAnyOrder(WebFixture.ALICE, WebFixture.BOB, CAROL);
    assertThat(raw(fixture.newest(CAROL).raw())).isEqualTo(bobsCopy);
    String page = bob.get("/web/mail/" + fixture.newest(WebFixture.BOB).id()).body();
    assertThat(page).contains("for the board").doesNotContain(DAVE);
  }

  @Test
  void bccRecipientGetsACopyEncryptedToThemAndTheSenderOnly() throws IOException {
    send(List.of(Map.entry("to", WebFixture.BOB), Map.entry("bcc", DAVE), Map.entry("subject", "Dave's own copy"),
        Map.entry("body", "hello")), List.of());

    String davesCopy = raw(fixture.newest(DAVE).raw());
    assertThat(recipientInfoOwners(davesCopy)).containsExactlyInAnyOrder(WebFixture.ALICE, DAVE);
    assertThat(davesCopy).doesNotContainIgnoringCase(WebFixture.BOB + ">").doesNotContain("Bcc:");
  }

  @Test
  void threeAttachmentsArriveIntact() throws IOException {
    byte[] binary = new byte[3000];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 31);
    }
    List<WebClient.FilePart> files = List.of(
        new WebClient.FilePart("attachment", "one.txt", "text/plain", "first file".getBytes(StandardCharsets.UTF_8)),
        new WebClient.FilePart("attachment", "two.bin", "application/octet-stream", binary),
        new WebClient.FilePart("attachment", "three.csv", "text/csv", "a,b\r\n1,2\r\n".getBytes(StandardCharsets.UTF_8)));
    send(List.of(Map.entry("to", WebFixture.BOB), Map.entry("subject", "three files"), Map.entry("body", "see")), files);

    String id = fixture.newest(WebFixture.BOB).id();
    assertThat(bob.get("/web/mail/" + id).body()).contains("one.txt", "two.bin", "three.csv");
    assertThat(bob.getBytes("/web/mail/" + id + "/attachment/0").body()).isEqualTo(files.get(0).content());
    assertThat(bob.getBytes("/web/mail/" + id + "/attachment/1").body()).isEqualTo(binary);
    assertThat(bob.getBytes("/web/mail/" + id + "/attachment/2").body()).isEqualTo(files.get(2).content());
  }

  @Test
  void attachmentsStayAcrossAReRenderedFormAndOneCanBeRemoved() throws IOException {
    List<WebClient.FilePart> first = List.of(
        new WebClient.FilePart("attachment", "a.txt", "text/plain", "A".getBytes(StandardCharsets.UTF_8)),
        new WebClient.FilePart("attachment", "b.txt", "text/plain", "B".getBytes(StandardCharsets.UTF_8)));
    String page = alice.postMultipart("/web/compose", "/web/compose", List.of(Map.entry("to", WebFixture.BOB),
        Map.entry("action", "check")), first).body();
    String draft = field(page, "draft");
    assertThat(page).contains("a.txt (1 bytes)", "b.txt (1 bytes)", "id=\"remove-0\"");

    String removed = alice.postMultipart("/web/compose", "/web/compose", List.of(Map.entry("to", WebFixture.BOB),
        Map.entry("draft", draft), Map.entry("keep", "0"), Map.entry("keep", "1"), Map.entry("remove", "0")),
        List.of(new WebClient.FilePart("attachment", "c.txt", "text/plain", "C".getBytes(StandardCharsets.UTF_8))))
        .body();

    assertThat(removed).contains("b.txt (1 bytes)", "c.txt (1 bytes)").doesNotContain("a.txt");
  }

  @Test
  void autosaveKeepsADraftThatReopens() throws IOException {
    HttpResponse<String> saved = alice.submit("/web/compose", "/web/compose", Map.of("to", CAROL,
        "subject", "typed, not sent", "body", "half a thought", "action", "autosave"));

    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(saved.body()).containsPattern("Saved at [0-2][0-9]:[0-5][0-9]").contains("hx-swap-oob");
    String reopened = alice.get("/web/compose?draft=" + field(saved.body(), "draft")).body();
    assertThat(reopened).contains("value=\"typed, not sent\"", "half a thought", "value=\"carol@example.org\"");
  }

  @Test
  void sendingShowsAConfirmationAndReloadingItSendsNothingAgain() throws IOException {
    int before = fixture.web.mailboxes().list(CAROL).size();
    HttpResponse<String> sent = send(List.of(Map.entry("to", CAROL), Map.entry("subject", "confirmed"),
        Map.entry("body", "once")), List.of());
    String confirmation = sent.headers().firstValue("Location").orElseThrow();
    assertThat(confirmation).matches("/web/sent/[0-9]+");

    for (int reload = 0; reload < 2; reload++) {
      String page = alice.get(confirmation).body();
      assertThat(page).contains("Message sent", "carol@example.org", "signed (clear-signed), encrypted with AES-",
          "href=\"/web/inbox\"");
    }
    assertThat(fixture.web.mailboxes().list(CAROL)).hasSize(before + 1);
    assertThat(bob.get(confirmation).statusCode()).isEqualTo(404);
  }

  @Test
  void aLockedSwitchSaysInPlainWordsWhatThePolicyRequires() throws IOException {
    WebClient admin = WebClient.signedIn(fixture, WebFixture.ADMIN);
    admin.setPolicy("AlwaysEncrypt", "1");
    try {
      String page = alice.get("/web/compose").body();
      assertThat(page).contains("id=\"encrypt-why\"", "Encrypt is on and cannot be turned off: your organisation's"
          + " policy (AlwaysEncrypt = 1) says every outgoing message is encrypted.");
    } finally {
      admin.setPolicy("AlwaysEncrypt", "");
    }
  }

  private static String raw(byte[] message) {
    return new String(message, StandardCharsets.ISO_8859_1);
  }

  private static String field(String page, String name) {
    Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([0-9]+)\"").matcher(page);
    assertThat(m.find()).as("a %s field with a value", name).isTrue();
    return m.group(1);
  }

  /** Whose certificates the RecipientInfos of an encrypted message name (key transport and key agreement). */
  private static Set<String> recipientInfoOwners(String message) throws IOException {
    String body = message.substring(message.indexOf("\r\n\r\n") + 4);
    ContentInfo info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(Base64.getMimeDecoder().decode(body)));
    ASN1Set infos = info.getContentType().equals(CMSObjectIdentifiers.authEnvelopedData)
        ? AuthEnvelopedData.getInstance(info.getContent()).getRecipientInfos()
        : EnvelopedData.getInstance(info.getContent()).getRecipientInfos();
    List<BigInteger> serials = new ArrayList<>();
    for (int i = 0; i < infos.size(); i++) {
      var ri = RecipientInfo.getInstance(infos.getObjectAt(i)).getInfo();
      if (ri instanceof KeyTransRecipientInfo kt) {
        serials.add(org.bouncycastle.asn1.cms.IssuerAndSerialNumber.getInstance(kt.getRecipientIdentifier().getId())
            .getSerialNumber().getValue());
      } else if (ri instanceof KeyAgreeRecipientInfo ka) {
        for (int k = 0; k < ka.getRecipientEncryptedKeys().size(); k++) {
          serials.add(RecipientEncryptedKey.getInstance(ka.getRecipientEncryptedKeys().getObjectAt(k)).getIdentifier()
              .getIssuerAndSerialNumber().getSerialNumber().getValue());
        }
      }
    }
    assertThat(serials).as("one RecipientInfo per certificate").doesNotHaveDuplicates();
    return fixture.ids.entrySet().stream().filter(e -> serials.contains(
        ((X509Certificate) e.getValue().certificate()).getSerialNumber())).map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }
}
