package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `signet serve` for an organisation without an administrator: a printed set-up link, or one from the environment. */
class ServeSetUpCliTest {
  private static final List<String> FREE_PORTS = List.of("--smtp-port", "0", "--smtps-port", "0", "--imap-port", "0",
      "--imaps-port", "0", "--ldap-port", "0", "--ldaps-port", "0");
  @TempDir Path data;

  @Test
  void aNewOrganisationPrintsItsSetUpLinkOnce() throws Exception {
    ServeFixture serve = ServeFixture.start("CN=Set-up Test CA");
    CliRun.Result r = serve.stop();

    assertThat(r.stderr()).containsPattern("signet: no administrator yet: open https://localhost:" + serve.httpsPort
        + "/web/setup\\?token=[A-Za-z0-9_-]{43} \\(once, until ");
  }

  @Test
  void theEnvironmentSetsUpTheAdministratorWithoutALink() throws Exception {
    ServeFixture serve = ServeFixture.start("CN=Set-up Test CA", Map.of("SIGNET_ADMIN_EMAIL", "root@example.org",
        "SIGNET_ADMIN_PASSWORD", "root's long password"), FREE_PORTS);
    CliRun.Result r = serve.stop();

    assertThat(r.stderr()).contains("signet: set up the administrator root@example.org from $SIGNET_ADMIN_EMAIL")
        .doesNotContain("/web/setup").doesNotContain("root's long password");
  }

  @Test
  void anAdministratorOutsideTheDomainIsRefusedBeforeAnythingStarts() {
    CliRun.Result r = CliRun.withEnvironment(Map.of("SIGNET_ADMIN_EMAIL", "root@elsewhere.example",
        "SIGNET_ADMIN_PASSWORD", "root's long password")).run("serve", "--data", data.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).isEqualTo("signet: error: $SIGNET_ADMIN_EMAIL/$SIGNET_ADMIN_PASSWORD: the administrator's "
        + "address must be in example.org, not root@elsewhere.example\n");
  }

  @Test
  void anAddressWithoutAPasswordIsRefused() {
    CliRun.Result r = CliRun.withEnvironment(Map.of("SIGNET_ADMIN_EMAIL", "root@example.org")).run("serve", "--data",
        data.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("set both $SIGNET_ADMIN_EMAIL and $SIGNET_ADMIN_PASSWORD, or neither");
  }
}
