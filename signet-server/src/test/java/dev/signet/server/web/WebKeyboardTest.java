package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web mail's keyboard shortcuts in Chromium, as web mail users know them: j and k select a message,
 * o or Enter opens it, r / a / f / c answer or compose, ? lists them; keys typed into a field stay there.
 * Bob's inbox, newest first: "Payment order", "Salary review", "Minutes of the meeting".
 */
@ExtendWith(WebInChromium.class)
class WebKeyboardTest {
  private static WebFixture fixture;
  private static BobsMail mail;
  private static Browser browser;

  @BeforeAll
  static void signIn() {
    browser.as(WebFixture.BOB);
  }

  @BeforeEach
  void inbox() {
    browser.open("/web/inbox");
  }

  @Test
  void jJOOpensTheSecondMessage() {
    press("j", "j", "o");

    waitForUrl("/web/mail/" + mail.encrypted());
  }

  @Test
  void enterOpensTheSelectedMessage() {
    press("j");
    press(Keys.ENTER);

    waitForUrl("/web/mail/" + mail.broken());
  }

  @Test
  void jOOpensTheNewestDraft() {
    browser.open("/web/drafts");

    press("j", "o");

    new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/web/compose?draft="));
    assertThat(browser.driver.findElement(By.id("subject")).getAttribute("value")).isEqualTo("Notes for the review");
  }

  @Test
  void theSelectedRowIsMarkedCurrent() {
    press("j", "j", "k");

    WebElement current = browser.driver.findElement(By.cssSelector("[data-row][aria-current=true]"));
    assertThat(current.getText()).isEqualTo("Payment order");
    assertThat(browser.driver.findElements(By.cssSelector("[data-row][aria-current]"))).hasSize(1);
  }

  @Test
  void tabFirstReachesSkipToContentWhichMovesFocusToTheContent() {
    press(Keys.TAB);
    WebElement skip = browser.driver.switchTo().activeElement();
    assertThat(skip.getText()).isEqualTo("Skip to content");

    press(Keys.ENTER);

    assertThat(browser.driver.switchTo().activeElement().getTagName()).isEqualTo("main");
  }

  @Test
  void cOpensCompose() {
    press("c");

    waitForUrl("/web/compose");
  }

  @Test
  void rOnAMessageOpensTheReply() {
    browser.open("/web/mail/" + mail.signed());
    press("r");

    waitForUrl("/web/mail/" + mail.signed() + "/reply");
    assertThat(browser.driver.findElement(By.id("subject")).getAttribute("value")).isEqualTo("Re: Minutes of the meeting");
  }

  @Test
  void questionMarkShowsTheListOfShortcuts() {
    WebElement help = browser.driver.findElement(By.id("shortcuts"));
    assertThat(help.isDisplayed()).isFalse();

    press("?");

    assertThat(help.isDisplayed()).isTrue();
    assertThat(help.getText()).contains("Reply all", "Open the selected message");
  }

  @Test
  void lettersTypedIntoATextFieldStayThere() {
    browser.open("/web/compose");
    WebElement subject = browser.driver.findElement(By.id("subject"));

    subject.sendKeys("re: forward a draft to carol");

    assertThat(subject.getAttribute("value")).isEqualTo("re: forward a draft to carol");
    assertThat(browser.driver.getCurrentUrl()).endsWith("/web/compose");
  }

  @Test
  void aLetterWithAModifierKeyIsLeftToTheBrowser() {
    new Actions(browser.driver).keyDown(Keys.ALT).sendKeys("c").keyUp(Keys.ALT).perform();
    press("j");

    assertThat(browser.driver.findElement(By.cssSelector("[data-row][aria-current=true]")).getText())
        .isEqualTo("Payment order");
    assertThat(browser.driver.getCurrentUrl()).endsWith("/web/inbox");
  }

  private static void press(CharSequence... keys) {
    Actions actions = new Actions(browser.driver);
    for (CharSequence key : keys) {
      actions.sendKeys(key);
    }
    actions.perform();
  }

  private static void waitForUrl(String path) {
    new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(fixture.https(path)));
  }
}
