package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Folders in headless Chromium: the unread count, delete to Trash and restore, with screenshots. */
@ExtendWith(WebInChromium.class)
class WebFolderBrowserTest {
  private static WebFixture fixture;
  private static WebDriver browser;

  private static WebElement row(String subject) {
    return browser.findElement(By.xpath("//tr[td/a[text()='" + subject + "']]"));
  }

  private static String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private static void click(String id) {
    browser.findElement(By.id(id)).click();
  }

  /** Clicks a button that submits its form, and waits until the page it answers with has replaced this one. */
  private static void submit(String id) {
    Chromium.clickToNextPage(browser, By.id(id));
  }

  @Test
  void bobReadsAMessageDeletesItAndRestoresItFromTrash() throws IOException {
    fixture.deliverPlain(WebFixture.ALICE, WebFixture.BOB, "Lunch on Friday?", "At noon.");
    fixture.deliverPlain(WebFixture.ALICE, WebFixture.BOB, "Minutes", "Attached in spirit.");
    Chromium.signIn(browser, fixture, WebFixture.BOB, () -> { });
    browser.get(fixture.https("/web/inbox"));
    assertThat(text("unread-INBOX")).isEqualTo("2 unread");
    assertThat(row("Lunch on Friday?").getText()).contains("unread");
    Chromium.shot(browser, "folders-01-inbox-unread");

    row("Lunch on Friday?").findElement(By.linkText("Lunch on Friday?")).click();
    assertThat(text("body")).contains("At noon.");
    assertThat(text("unread-INBOX")).isEqualTo("1 unread");
    Chromium.shot(browser, "folders-02-message");

    submit("delete");
    assertThat(browser.getCurrentUrl()).endsWith("/web/inbox");
    assertThat(text("inbox")).doesNotContain("Lunch on Friday?").contains("Minutes");

    click("folder-Trash");
    row("Lunch on Friday?").findElement(By.name("id")).click();
    Chromium.shot(browser, "folders-03-trash");
    submit("restore");
    assertThat(text("inbox")).doesNotContain("Lunch on Friday?");

    click("folder-INBOX");
    assertThat(row("Lunch on Friday?").getText()).doesNotContain("unread");
    assertThat(text("unread-INBOX")).isEqualTo("1 unread");
    Chromium.shot(browser, "folders-04-restored");
  }
}
