package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.PolicySetting;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The administrator's console in headless Chromium: the policy page's controls, and revoking with a reason. */
@ExtendWith(WebInChromium.class)
class WebAdminBrowserTest {
  private static WebFixture fixture;
  private static WebDriver browser;

  @Test
  void anAdministratorSavesThePolicyAndAReloadPostsNothing() throws IOException {
    signInAsAdministrator();
    shot("admin-01-policy");
    browser.findElement(By.id("v-AlwaysSign")).click();
    new Select(browser.findElement(By.id("v-MinEncKey"))).selectByValue("168");
    save();
    assertThat(browser.getCurrentUrl()).endsWith("/web/admin/policy?saved=2");
    assertThat(text("notice")).isEqualTo("Policy saved: 2 settings changed");
    assertThat(text("standing-AlwaysSign")).isEqualTo("set");
    shot("admin-02-policy-saved");
    int audited = policyEvents();
    browser.navigate().refresh();
    assertThat(text("notice")).isEqualTo("Policy saved: 2 settings changed");
    assertThat(policyEvents()).isEqualTo(audited);

    browser.findElement(By.id("reset-AlwaysSign")).click();
    new Select(browser.findElement(By.id("v-MinEncKey"))).selectByValue("");
    save();
    assertThat(fixture.web.policy().values()).doesNotContainKeys(PolicySetting.ALWAYS_SIGN, PolicySetting.MIN_ENC_KEY);
  }

  @Test
  void aRefusedValueIsShownBesideItsControl() throws IOException {
    signInAsAdministrator();
    WebElement label = browser.findElement(By.id("v-ForceSecurityLabelX"));
    label.sendKeys("not hex");
    save();
    assertThat(text("error-ForceSecurityLabelX")).isNotEmpty();
    assertThat(browser.findElement(By.id("v-ForceSecurityLabelX")).getAttribute("value")).isEqualTo("not hex");
    shot("admin-03-policy-refused");
    assertThat(fixture.web.policy().values()).doesNotContainKey(PolicySetting.FORCE_SECURITY_LABEL_X);
  }

  @Test
  void revokingACertificateAsksForTheReasonAndAConfirmation() throws IOException {
    String serial;
    try (CertificateAuthority ca = CertificateAuthority.open(CaDatabase.inDataFolder(fixture.data))) {
      serial = ca.certificatesFor(WebFixture.BOB).get(0).serial();
    }
    signInAsAdministrator();
    open("/web/admin/certificates");
    browser.findElement(By.id("revoke-" + serial)).click();
    assertThat(text("serial")).isEqualTo(serial);
    new Select(browser.findElement(By.id("reason"))).selectByValue("superseded");
    shot("admin-04-revoke-confirm");
    Chromium.clickToNextPage(browser, By.id("confirm-revoke"));
    assertThat(text("notice")).contains("Certificate " + serial + " revoked");
    assertThat(text("certificates")).contains("(superseded)");
    shot("admin-05-revoked");
  }

  private static void signInAsAdministrator() throws IOException {
    Chromium.signIn(browser, fixture, WebFixture.ADMIN, () -> { });
    assertThat(text("who")).isEqualTo(WebFixture.ADMIN);
    open("/web/admin/policy");
  }

  /** Saves the policy form and waits for the page the save leads to. */
  private static void save() {
    Chromium.clickToNextPage(browser, By.id("save-policy"));
  }

  private static int policyEvents() {
    try (CertificateAuthority ca = CertificateAuthority.open(CaDatabase.inDataFolder(fixture.data))) {
      return (int) ca.auditLog().stream().filter(e -> e.action().equals("policy")).count();
    }
  }

  private static void open(String path) {
    browser.get(fixture.https(path));
  }

  private static String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private static void shot(String name) throws IOException {
    Chromium.shot(browser, name);
  }
}
