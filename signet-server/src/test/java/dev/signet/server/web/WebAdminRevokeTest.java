package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.IssuedCertificate;
import dev.signet.pki.RevocationReason;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Revoking a certificate on the administrator's console: a page of its own asks for the reason, then the post revokes. */
class WebAdminRevokeTest {
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
  void theCertificateListLinksToARevokePageInsteadOfRevokingAtOnce() throws IOException {
    String serial = certificateOf(WebFixture.ALICE).serial();
    String list = WebClient.signedIn(fixture, WebFixture.ADMIN).get("/web/admin/certificates").body();
    assertThat(list).contains("<a href=\"/web/admin/certificates/" + serial + "/revoke\"");
    assertThat(certificateOf(WebFixture.ALICE).isRevoked()).isFalse();
  }

  @Test
  void revokingAsksForAReasonOnAPageShowingTheCertificate() throws IOException {
    String serial = certificateOf(WebFixture.ALICE).serial();
    String page = WebClient.signedIn(fixture, WebFixture.ADMIN).get("/web/admin/certificates/" + serial + "/revoke")
        .body();
    assertThat(page).contains("<dd id=\"serial\">" + serial + "</dd>", WebFixture.ALICE, "id=\"confirm-revoke\"");
    for (RevocationReason r : RevocationReason.values()) {
      assertThat(page).contains("<option value=\"" + r.cliName() + "\">");
    }
  }

  @Test
  void aRevocationWithoutAReasonIsRefused() throws IOException {
    String serial = certificateOf(WebFixture.ALICE).serial();
    WebClient admin = WebClient.signedIn(fixture, WebFixture.ADMIN);
    HttpResponse<String> r = admin.submit("/web/admin/certificates", "/web/admin/certificates/" + serial + "/revoke",
        Map.of());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(certificateOf(WebFixture.ALICE).isRevoked()).isFalse();
  }

  @Test
  void confirmingRevokesWithTheReasonChosenAndRedirects() throws IOException {
    String serial = certificateOf(WebFixture.BOB).serial();
    WebClient admin = WebClient.signedIn(fixture, WebFixture.ADMIN);
    HttpResponse<String> r = admin.submit("/web/admin/certificates", "/web/admin/certificates/" + serial + "/revoke",
        Map.of("reason", "key-compromise"));
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/web/admin/certificates?revoked=" + serial);
    assertThat(admin.get("/web/admin/certificates?revoked=" + serial).body())
        .contains("Certificate " + serial + " revoked", "(key-compromise)");
    assertThat(admin.get("/web/admin/certificates/" + serial + "/revoke").statusCode()).isEqualTo(409);
  }

  private static IssuedCertificate certificateOf(String email) {
    try (CertificateAuthority ca = CertificateAuthority.open(CaDatabase.inDataFolder(fixture.data))) {
      return ca.certificatesFor(email).get(0);
    }
  }
}
