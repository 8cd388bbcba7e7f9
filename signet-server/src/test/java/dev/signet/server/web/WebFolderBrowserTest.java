package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Folders in headless Chromium: the unread count, delete to Trash and restore, with screenshots. */
class WebFolderBrowserTest {
  private static WebFixture fixture;
  private static HeadlessChromium chromium;

  @BeforeAll
  static void start() throws IOException {
    fixture = WebFixture.start();
    chromium = HeadlessChromium.on(fixture);
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  private static WebElement row(String subject) {
    return chromium.browser.findElement(By.xpath("//tr[td/a[text()='" + subject + "']]"));
  }

  @Test
  void bobReadsAMessageDeletesItAndRestoresItFromTrash() throws IOException {
    fixture.deliverPlain(WebFixture.ALICE, WebFixture.BOB, "Lunch on Friday?", "At noon.");
    fixture.deliverPlain(WebFixture.ALICE, WebFixture.BOB, "Minutes", "Attached in spirit.");
    chromium.signIn(WebFixture.BOB);
    chromium.open("/web/inbox");
    assertThat(chromium.text("unread-INBOX")).isEqualTo("2 unread");
    assertThat(row("Lunch on Friday?").getText()).contains("unread");
    chromium.shot("folders-01-inbox-unread");

    row("Lunch on Friday?").findElement(By.linkText("Lunch on Friday?")).click();
    assertThat(chromium.text("body")).contains("At noon.");
    assertThat(chromium.text("unread-INBOX")).isEqualTo("1 unread");
    chromium.shot("folders-02-message");

    chromium.browser.findElement(By.id("delete")).click();
    assertThat(chromium.browser.getCurrentUrl()).endsWith("/web/inbox");
    assertThat(chromium.text("inbox")).doesNotContain("Lunch on Friday?").contains("Minutes");

    chromium.browser.findElement(By.id("folder-Trash")).click();
    row("Lunch on Friday?").findElement(By.name("id")).click();
    chromium.shot("folders-03-trash");
    chromium.browser.findElement(By.id("restore")).click();
    assertThat(chromium.text("inbox")).doesNotContain("Lunch on Friday?");

    chromium.browser.findElement(By.id("folder-INBOX")).click();
    assertThat(row("Lunch on Friday?").getText()).doesNotContain("unread");
    assertThat(chromium.text("unread-INBOX")).isEqualTo("1 unread");
    chromium.shot("folders-04-restored");
  }
}
