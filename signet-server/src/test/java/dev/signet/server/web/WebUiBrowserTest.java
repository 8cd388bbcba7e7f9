package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in headless Chromium, as people use it: sign in, unlock digital IDs, send and read
 * signed and encrypted mail, the problem page, policy locks. Screenshots go to target/screenshots.
 */
@ExtendWith(WebInChromium.class)
class WebUiBrowserTest {
  private static final Path DOWNLOADS = Chromium.DOWNLOADS;

  private static WebFixture fixture;
  private static WebDriver browser;

  @Test
  void aliceSendsBobASignedEncryptedMessageWithAReceiptRequestAndBobSeesItVerified() throws IOException {
    signIn(WebFixture.ALICE, "01-signin");
    unlock("02-digital-ids");
    writeToBob("Quarterly figures", "Bob, the figures are attached in spirit.");
    check("receipt");
    shot("03-compose");
    browser.findElement(By.id("send")).click();
    assertThat(text("confirmation")).contains("Quarterly figures", WebFixture.BOB);
    assertThat(browser.getCurrentUrl()).contains("/web/sent/");
    shot("04-sent");

    signIn(WebFixture.BOB, "05-signin-bob");
    unlock("06-bob-unlocked");
    open("/web/inbox");
    WebElement row = browser.findElement(By.xpath("//tr[td/a[text()='Quarterly figures']]"));
    assertThat(row.getText()).contains("encrypted", "signed").doesNotContain("problem");
    shot("07-inbox");
    row.findElement(By.linkText("Quarterly figures")).click();
    assertThat(text("banner")).contains("Signed by: alice@example.org", "valid signature, trusted",
        "Encrypted with AES-128-GCM (authenticated)");
    assertThat(text("body")).contains("the figures are attached in spirit");
    browser.findElement(By.cssSelector("#details summary")).click();
    assertThat(text("details")).contains("asks for a signed receipt", "trusted");
    shot("08-message");
    browser.findElement(By.id("send-receipt")).click();
    assertThat(text("receipt-sent")).contains("A signed receipt was sent");

    signIn(WebFixture.ALICE, "09-signin-alice");
    open("/web/sent");
    assertThat(browser.findElement(By.xpath("//tr[td[text()='Quarterly figures']]")).getText())
        .contains("valid receipt from bob@example.org");
    shot("10-receipts");
  }

  @Test
  void aBrokenSignatureShowsTheProblemPageFirst() throws IOException {
    fixture.deliverTampered(fixture.ids.get(WebFixture.ALICE), WebFixture.ALICE, WebFixture.BOB, "Payment order");
    signIn(WebFixture.BOB, "11-signin");
    open("/web/inbox");
    WebElement row = browser.findElement(By.xpath("//tr[td/a[text()='Payment order']]"));
    assertThat(row.getText()).contains("signed", "problem");
    row.findElement(By.linkText("Payment order")).click();
    assertThat(text("problem")).contains("There is a problem with the digital signature",
        "altered after signing");
    shot("12-problem");
    browser.findElement(By.id("open-anyway")).click();
    assertThat(text("banner")).contains("altered after signing");
    assertThat(text("body")).contains("900 euros");
  }

  @Test
  void anAdministratorSetsAlwaysEncryptAndComposeShowsTheLock() throws IOException {
    signIn(WebFixture.ADMIN, "13-signin-admin");
    open("/web/admin/policy");
    browser.findElement(By.id("v-AlwaysEncrypt")).click();
    // the save answers with a new page: read it, not the one being replaced
    Chromium.clickToNextPage(browser, By.id("save-policy"));
    assertThat(text("policy")).contains("AlwaysEncrypt");
    shot("14-admin-policy");
    try {
      signIn(WebFixture.ALICE, "15-signin");
      open("/web/compose");
      WebElement encrypt = browser.findElement(By.id("encrypt"));
      assertThat(encrypt.isSelected()).isTrue();
      assertThat(encrypt.isEnabled()).isFalse();
      assertThat(text("encrypt-lock")).contains("set by your organisation (AlwaysEncrypt = 1)");
      shot("16-compose-locked");
    } finally {
      // the policy is shared by every test: set it back through the same page
      signIn(WebFixture.ADMIN, "17-signin-admin");
      open("/web/admin/policy");
      browser.findElement(By.id("reset-AlwaysEncrypt")).click();
      // the next test's first page must not cancel this save
      Chromium.clickToNextPage(browser, By.id("save-policy"));
    }
  }

  @Test
  void aRecipientWithoutACertificateIsNamedAndContinueEncryptionOffered() throws IOException {
    signIn(WebFixture.ALICE, "18-signin");
    unlock("19-unlocked");
    open("/web/compose");
    type("to", WebFixture.BOB + ", carol@elsewhere.example");
    type("subject", "To two");
    check("encrypt");
    browser.findElement(By.id("send")).click();
    assertThat(text("missing")).contains("carol@elsewhere.example").doesNotContain(WebFixture.BOB);
    shot("20-missing-certificate");
    browser.findElement(By.id("continue")).click();
    assertThat(text("confirmation")).contains("To two");
    assertThat(browser.getCurrentUrl()).contains("/web/sent/");
  }

  @Test
  void htmlMailIsShownSandboxedWithRemoteContentBlocked() throws IOException, InterruptedException {
    AtomicInteger fetched = new AtomicInteger();
    HttpServer tracker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    tracker.createContext("/", exchange -> {
      fetched.incrementAndGet();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    tracker.start();
    try {
      String remote = "http://127.0.0.1:" + tracker.getAddress().getPort();
      fixture.deliverHtml(WebFixture.ALICE, WebFixture.BOB, "Newsletter", "<h2>Hello Bob</h2>"
          + "<img src=\"" + remote + "/pixel.png\" alt=\"tracking pixel\">"
          + "<link rel=\"stylesheet\" href=\"" + remote + "/style.css\">"
          + "<script>document.body.innerHTML = 'scripted'; fetch('" + remote + "/script');</script>");
      signIn(WebFixture.BOB, "21-signin");
      open("/web/inbox");
      browser.findElement(By.linkText("Newsletter")).click();
      WebElement frame = browser.findElement(By.id("html"));
      assertThat(frame.getAttribute("sandbox")).isEmpty();
      browser.switchTo().frame(frame);
      assertThat(browser.findElement(By.tagName("h2")).getText()).isEqualTo("Hello Bob");
      assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("scripted");
      browser.switchTo().defaultContent();
      Thread.sleep(500);
      shot("22-html-sandboxed");
      assertThat(fetched.get()).as("requests that reached the remote server").isZero();
    } finally {
      tracker.stop(0);
    }
  }

  @Test
  void aliceAttachesAFileAndPicksALabelKeepsADraftAndBobDownloadsTheFile() throws IOException, InterruptedException {
    Path upload = Files.createTempDirectory("signet-upload").resolve("budget-2027.csv");
    Files.writeString(upload, "line,amount\nrent,1200\n");
    signIn(WebFixture.ALICE, "30-signin");
    unlock("31-unlocked");
    writeToBob("Budget 2027", "The budget is attached.");
    new Select(browser.findElement(By.id("label-level")))
        .selectByVisibleText("Example Corp information classification: CONFIDENTIAL");
    check("category-FINANCE");
    browser.findElement(By.id("attachment")).sendKeys(upload.toAbsolutePath().toString());
    shot("32-compose-label-attachment");
    browser.findElement(By.id("save-draft")).click();
    assertThat(text("notice")).contains("Draft saved, sealed to your own certificate");
    shot("33-drafts");
    browser.findElement(By.linkText("Budget 2027")).click();
    assertThat(browser.findElement(By.id("keep-0")).isSelected()).isTrue();
    assertThat(new Select(browser.findElement(By.id("label-level"))).getFirstSelectedOption().getText())
        .endsWith("CONFIDENTIAL");
    shot("34-draft-opened");
    browser.findElement(By.id("send")).click();
    assertThat(text("confirmation")).contains("Budget 2027");

    signIn(WebFixture.BOB, "35-signin-bob");
    unlock("36-bob-unlocked");
    open("/web/inbox");
    browser.findElement(By.linkText("Budget 2027")).click();
    assertThat(text("banner")).contains("Signed by: alice@example.org", "Encrypted with",
        "Security label: CONFIDENTIAL FINANCE");
    assertThat(text("attachments")).contains("budget-2027.csv", "text/csv");
    shot("37-message-label-attachment");
    Path downloaded = DOWNLOADS.resolve("budget-2027.csv");
    Files.deleteIfExists(downloaded);
    browser.findElement(By.id("attachment-0")).click();
    for (int i = 0; i < 100 && !Files.exists(downloaded); i++) {
      Thread.sleep(100);
    }
    assertThat(downloaded).hasSameBinaryContentAs(upload);
  }

  /** Compose, to Bob, signed and encrypted. */
  private static void writeToBob(String subject, String body) {
    open("/web/compose");
    type("to", WebFixture.BOB);
    type("subject", subject);
    type("body", body);
    check("encrypt");
    check("sign");
  }

  private static void signIn(String email, String shot) throws IOException {
    Chromium.signIn(browser, fixture, email, () -> shot(shot));
    assertThat(text("who")).isEqualTo(email);
  }

  private static void unlock(String shot) throws IOException {
    open("/web/ids");
    type("id-password", WebFixture.ID_PASSWORD);
    browser.findElement(By.id("unlock")).click();
    // The unlock answers with the inbox: wait for it, or opening the next page cancels the unlock.
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/web/inbox"));
    open("/web/ids");
    assertThat(text("unlocked")).contains("Unlocked for this session");
    shot(shot);
  }

  private static void open(String path) {
    browser.get(fixture.https(path));
  }

  private static void type(String id, String text) {
    WebElement e = browser.findElement(By.id(id));
    e.clear();
    e.sendKeys(text);
  }

  private static void check(String id) {
    WebElement box = browser.findElement(By.id(id));
    if (!box.isSelected()) {
      box.click();
    }
  }

  private static String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private static void shot(String name) throws IOException {
    Chromium.shot(browser, name);
  }
}
