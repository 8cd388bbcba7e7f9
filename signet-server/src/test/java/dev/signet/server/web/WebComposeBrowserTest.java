package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Compose in headless Chromium with its script (htmx, served by the service under a strict
 * Content-Security-Policy): completion with certificate marks, autosave, the confirmation after sending.
 * Screenshots go to target/screenshots.
 */
@ExtendWith(WebInChromium.class)
class WebComposeBrowserTest {
  private static final String ERIN = "erin@example.org";
  private static WebFixture fixture;
  private static WebDriver browser;

  @BeforeAll
  static void start() throws IOException {
    fixture.web.accounts().create(ERIN, "Erin", Accounts.Role.PERSON, WebFixture.PASSWORD.toCharArray());
    Chromium.signIn(browser, fixture, WebFixture.ALICE, () -> { });
    waitFor(ExpectedConditions.textToBe(By.id("who"), WebFixture.ALICE));
    open("/web/ids");
    type("id-password", WebFixture.ID_PASSWORD);
    browser.findElement(By.id("unlock")).click();
    waitFor(ExpectedConditions.urlContains("/web/inbox"));
  }

  @Test
  void completionShowsEachSuggestionsCertificateMarkAndAPickFillsTheField() throws IOException {
    open("/web/compose");
    browser.findElement(By.id("to")).sendKeys("b");
    WebElement bob = waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#to-suggest .suggestion")));
    assertThat(bob.getText()).contains(WebFixture.BOB, "certificate usable for encryption");
    Chromium.shot(browser, "compose-completion-usable");

    bob.click();
    waitFor(ExpectedConditions.attributeToBe(By.id("to"), "value", WebFixture.BOB + ", "));
    browser.findElement(By.id("cc")).sendKeys("er");
    WebElement erin = waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#cc-suggest .suggestion")));
    assertThat(erin.getText()).contains(ERIN, "no certificate found");
    Chromium.shot(browser, "compose-completion-none-found");
  }

  @Test
  void aDraftIsSavedAsItIsTypedAndReopens() throws IOException {
    open("/web/compose");
    browser.findElement(By.id("to")).sendKeys(WebFixture.BOB);
    browser.findElement(By.id("subject")).sendKeys("Autosaved plans");
    browser.findElement(By.id("body")).sendKeys("written, never sent");
    new WebDriverWait(browser, Duration.ofSeconds(15))
        .until(ExpectedConditions.textMatches(By.id("saved"), java.util.regex.Pattern.compile("Saved at \\d\\d:\\d\\d")));
    String draft = browser.findElement(By.id("draft")).getAttribute("value");
    assertThat(draft).matches("[0-9]+");
    Chromium.shot(browser, "compose-autosaved");

    open("/web/compose?draft=" + draft);
    assertThat(browser.findElement(By.id("subject")).getAttribute("value")).isEqualTo("Autosaved plans");
    assertThat(browser.findElement(By.id("body")).getAttribute("value")).contains("written, never sent");
  }

  @Test
  void afterSendingTheConfirmationSaysHowAndReloadingSendsNothingAgain() throws IOException {
    open("/web/compose");
    browser.findElement(By.id("to")).sendKeys(WebFixture.BOB);
    browser.findElement(By.id("subject")).sendKeys("Sent once");
    browser.findElement(By.id("encrypt")).click();
    browser.findElement(By.id("sign")).click();
    browser.findElement(By.id("send")).click();
    waitFor(ExpectedConditions.urlMatches("/web/sent/[0-9]+$"));
    int delivered = fixture.web.mailboxes().list(WebFixture.BOB).size();
    assertThat(browser.findElement(By.id("confirmation")).getText()).contains(WebFixture.BOB,
        "signed (clear-signed), encrypted with AES-");
    Chromium.shot(browser, "compose-sent-confirmation");

    browser.navigate().refresh();
    assertThat(browser.findElement(By.id("confirmation")).getText()).contains("Sent once");
    assertThat(fixture.web.mailboxes().list(WebFixture.BOB)).hasSize(delivered);
    browser.findElement(By.id("back-to-inbox")).click();
    waitFor(ExpectedConditions.urlContains("/web/inbox"));
  }

  /** Until {@code condition} holds; htmx swaps fields whole (a pick replaces the input), so a field found may go stale. */
  private static <T> T waitFor(java.util.function.Function<? super WebDriver, T> condition) {
    return new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  private static void open(String path) {
    browser.get(fixture.https(path));
  }

  private static void type(String id, String text) {
    WebElement e = browser.findElement(By.id(id));
    e.clear();
    e.sendKeys(text);
  }
}
