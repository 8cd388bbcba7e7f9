package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every administrator's route of the console answers a person who is not one with 403, and changes nothing. */
class WebAdminAccessTest {
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
  void aPersonGets403OnEveryAdministratorPage() throws IOException {
    WebClient alice = WebClient.signedIn(fixture, WebFixture.ALICE);
    for (String path : List.of("/web/admin/policy", "/web/admin/tokens", "/web/admin/tokens/new",
        "/web/admin/tokens/" + "a".repeat(64) + "/revoke", "/web/admin/certificates/1/revoke",
        "/web/admin/audit?q=revoke&from=2020-01-01&until=2030-01-01&page=2")) {
      assertThat(alice.get(path).statusCode()).as(path).isEqualTo(403);
    }
  }

  @Test
  void aPersonGets403OnEveryAdministratorForm() throws IOException {
    WebClient alice = WebClient.signedIn(fixture, WebFixture.ALICE);
    for (String path : List.of("/web/admin/policy/settings", "/web/admin/policy", "/web/admin/tokens",
        "/web/admin/tokens/" + "a".repeat(64) + "/revoke", "/web/admin/certificates/1/revoke")) {
      assertThat(alice.submit("/web/inbox", path, Map.of("email", "mallory@example.org", "reason", "superseded"))
          .statusCode()).as(path).isEqualTo(403);
    }
  }
}
