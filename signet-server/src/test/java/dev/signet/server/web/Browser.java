package dev.signet.server.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium on the web UI of a {@link WebFixture}, trusting exactly the service's TLS key as a
 * browser that has the organisation's root would; screenshots go to target/screenshots.
 */
final class Browser implements AutoCloseable {
  final WebDriver driver;
  private final WebFixture fixture;
  private String signedIn = WebPage.NOBODY;

  private Browser(WebDriver driver, WebFixture fixture) {
    this.driver = driver;
    this.fixture = fixture;
  }

  /** A browser window of 1280 x 1000 on {@code fixture}'s web UI; skips (fails under CI) without Chromium. */
  static Browser on(WebFixture fixture) throws IOException {
    Chromium.requirePresent();
    return new Browser(Chromium.start(fixture), fixture);
  }

  void open(String path) {
    driver.get(fixture.https(path));
  }

  /** Signs {@code email} in afresh (any earlier session's cookies gone). */
  private void signIn(String email) {
    try {
      Chromium.signIn(driver, fixture, email, () -> { });
    } catch (IOException e) {
      throw new UncheckedIOException(e); // nothing is done before submitting here
    }
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("who"), email));
  }

  /**
   * Makes {@code who} the one signed in ({@link WebPage#NOBODY}: no one), their digital IDs unlocked if
   * they have any; nothing to do if they already are.
   */
  void as(String who) {
    if (who.equals(signedIn)) {
      return;
    }
    signedIn = null; // unknown until this is done: a step that fails here leaves no one assumed
    if (who.equals(WebPage.NOBODY)) {
      open("/web/signin");
      driver.manage().deleteAllCookies();
    } else {
      signIn(who);
      if (fixture.ids.containsKey(who)) {
        unlock();
      }
    }
    signedIn = who;
  }

  /** Unlocks the signed-in person's digital IDs for the session. */
  private void unlock() {
    open("/web/ids");
    type("id-password", WebFixture.ID_PASSWORD);
    driver.findElement(By.id("unlock")).click();
    // The unlock answers with the inbox: wait for it, or opening the next page cancels the unlock.
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/web/inbox"));
  }

  void type(String id, String text) {
    WebElement e = driver.findElement(By.id(id));
    e.clear();
    e.sendKeys(text);
  }

  /** Makes the window {@code width} x {@code height} pixels. */
  void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  void shot(String name) throws IOException {
    Chromium.shot(driver, name);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
