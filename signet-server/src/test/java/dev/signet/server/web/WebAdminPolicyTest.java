package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The administrator's policy page over HTTP: one control per setting, saved by Post/Redirect/Get. */
class WebAdminPolicyTest {
  private static final String PAGE = "/web/admin/policy";
  private static final String SAVE = "/web/admin/policy/settings";
  private static WebFixture fixture;

  @BeforeAll
  static void start() throws IOException {
    fixture = WebFixture.start();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void anOnOffSettingIsACheckboxAnotherDwordASelectOfItsValuesAStringATextField() throws IOException {
    String page = WebClient.signedIn(fixture, WebFixture.ADMIN).get(PAGE).body();
    assertThat(page).contains("<input type=\"checkbox\" name=\"v-AlwaysSign\" id=\"v-AlwaysSign\" value=\"1\">");
    assertThat(page).contains("<select name=\"v-SigStatusNoTrustDecision\" id=\"v-SigStatusNoTrustDecision\">",
        "<option value=\"2\">2</option>");
    assertThat(page).contains("<input type=\"text\" name=\"v-NeedEncryptionString\" id=\"v-NeedEncryptionString\"");
  }

  @Test
  void eachSettingSaysWhatItDoesAndWhetherItIsAtItsDefault() throws IOException {
    String page = WebClient.signedIn(fixture, WebFixture.ADMIN).get(PAGE).body();
    assertThat(page).contains("a signature that does not chain to a trusted root is an error (2), a warning (1)");
    assertThat(page).contains("<td id=\"standing-SigStatusNoTrustDecision\">default: 1 (absent)</td>");
    assertThat(page).contains("<td id=\"standing-ClearSign\">default: the person's choice");
  }

  @Test
  void savingRedirectsToThePageWithANoticeOfHowManySettingsChanged() throws IOException {
    WebClient admin = WebClient.signedIn(fixture, WebFixture.ADMIN);
    HttpResponse<String> saved = admin.submit(PAGE, SAVE, Map.of("v-RequestSecureReceipt", "1", "v-MinEncKey", "168"));
    assertThat(saved.statusCode()).isEqualTo(303);
    assertThat(saved.headers().firstValue("Location")).hasValue(PAGE + "?saved=2");
    String page = admin.get(PAGE + "?saved=2").body();
    assertThat(page).contains("Policy saved: 2 settings changed");
    assertThat(page).contains("<td id=\"standing-MinEncKey\">set</td>", "<option value=\"168\" selected>168</option>");
    assertThat(fixture.web.policy().values()).containsKeys(dev.signet.core.PolicySetting.MIN_ENC_KEY);
    admin.submit(PAGE, SAVE, Map.of("v-RequestSecureReceipt", "1", "reset-RequestSecureReceipt", "1", "v-MinEncKey", ""));
  }

  @Test
  void aCheckboxLeftAtItsDefaultLeavesTheSettingAbsent() throws IOException {
    WebClient admin = WebClient.signedIn(fixture, WebFixture.ADMIN);
    HttpResponse<String> saved = admin.submit(PAGE, SAVE, Map.of());
    assertThat(saved.headers().firstValue("Location")).hasValue(PAGE + "?saved=0");
    assertThat(admin.get(PAGE).body()).contains("<td id=\"standing-AlwaysSign\">default: 0 (absent)</td>");
  }

  @Test
  void useTheDefaultRemovesASettingThatIsSet() throws IOException {
    WebClient admin = WebClient.signedIn(fixture, WebFixture.ADMIN);
    admin.submit(PAGE, SAVE, Map.of("v-PublishToGALDisabled", "1"));
    assertThat(admin.get(PAGE).body()).contains("<td id=\"standing-PublishToGALDisabled\">set</td>",
        "id=\"reset-PublishToGALDisabled\"");
    HttpResponse<String> reset = admin.submit(PAGE, SAVE,
        Map.of("v-PublishToGALDisabled", "1", "reset-PublishToGALDisabled", "1"));
    assertThat(reset.headers().firstValue("Location")).hasValue(PAGE + "?saved=1");
    assertThat(admin.get(PAGE).body()).contains("<td id=\"standing-PublishToGALDisabled\">default: 0 (absent)</td>");
  }

  @Test
  void anInvalidValueIsShownBesideItsControlAndNothingIsSaved() throws IOException {
    WebClient admin = WebClient.signedIn(fixture, WebFixture.ADMIN);
    HttpResponse<String> refused = admin.submit(PAGE, SAVE, Map.of("v-AlwaysEncrypt", "1", "v-MinEncKey", "100"));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).containsPattern("<p class=\"error\" id=\"error-MinEncKey\">[^<]*MinEncKey");
    assertThat(fixture.web.policy().values()).doesNotContainKey(dev.signet.core.PolicySetting.ALWAYS_ENCRYPT);
  }

  @Test
  void oneSettingByNameStaysTheSecondaryWayAndRedirectsToo() throws IOException {
    WebClient admin = WebClient.signedIn(fixture, WebFixture.ADMIN);
    HttpResponse<String> saved = admin.submit(PAGE, PAGE, Map.of("name", "enrollpageurl", "value",
        "https://id.example.org/?who=%2"));
    assertThat(saved.headers().firstValue("Location")).hasValue(PAGE + "?saved=1");
    assertThat(admin.get(PAGE).body()).contains("value=\"https://id.example.org/?who=%2\"");
    admin.submit(PAGE, PAGE, Map.of("name", "EnrollPageURL", "value", ""));
  }

  @Test
  void aPersonWhoIsNotAnAdministratorCannotSaveThePolicy() throws IOException {
    WebClient alice = WebClient.signedIn(fixture, WebFixture.ALICE);
    assertThat(alice.submit("/web/inbox", SAVE, Map.of("v-AlwaysSign", "1")).statusCode()).isEqualTo(403);
    assertThat(fixture.web.policy().values()).doesNotContainKey(dev.signet.core.PolicySetting.ALWAYS_SIGN);
  }
}
