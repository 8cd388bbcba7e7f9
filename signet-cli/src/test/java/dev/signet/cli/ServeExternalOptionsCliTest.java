package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `signet serve` with the organisation's own mail servers and directory: what it refuses before writing anything. */
class ServeExternalOptionsCliTest {
  @TempDir Path dir;

  private CliRun.Result serve(Map<String, String> env, String... options) {
    String[] args = new String[options.length + 3];
    args[0] = "serve";
    args[1] = "--data";
    args[2] = dir.resolve("data").toString();
    System.arraycopy(options, 0, args, 3, options.length);
    return CliRun.withEnvironment(env).run(args);
  }

  @Test
  void anSmtpRelayWithoutAnImapServerIsRefused() {
    CliRun.Result r = serve(Map.of(), "--smtp-relay", "smtps://mail.example.org");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).isEqualTo("signet: error: give both --smtp-relay and --imap-url: the web UI sends "
        + "through one and reads the other\n");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void anImapUrlInTheSmtpRelaysPlaceIsRefused() {
    CliRun.Result r = serve(Map.of(), "--smtp-relay", "imaps://mail.example.org", "--imap-url",
        "imaps://mail.example.org");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).startsWith("signet: error: not a mail server URL: imaps://mail.example.org");
  }

  @Test
  void aDirectoryBindPasswordIsNotSentInClearOffLoopback() {
    CliRun.Result r = serve(Map.of("SIGNET_LDAP_PASSWORD", "secret"), "--ldap-url",
        "ldap://ldap.example.org/dc=example,dc=org", "--ldap-bind-dn", "cn=signet,dc=example,dc=org");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).isEqualTo("signet: error: --ldap-url: use ldaps:// for ldap.example.org: the bind "
        + "password would travel in clear\n");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void theDirectoryBindPasswordComesOnlyFromTheEnvironment() {
    CliRun.Result r = serve(Map.of(), "--ldap-url", "ldaps://ldap.example.org/dc=example,dc=org", "--ldap-bind-dn",
        "cn=signet,dc=example,dc=org");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).isEqualTo("signet: error: set $SIGNET_LDAP_PASSWORD to the password of "
        + "cn=signet,dc=example,dc=org\n");
  }

  @Test
  void theDemoKeepsItsOwnMailServer() {
    CliRun.Result r = serve(Map.of(), "--demo", "--smtp-relay", "smtps://mail.example.org", "--imap-url",
        "imaps://mail.example.org");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).isEqualTo("signet: error: --demo runs its own mail server: drop --smtp-relay and "
        + "--imap-url\n");
  }

  @Test
  void trustAnchorsWithoutAnyServerOfTheOrganisationAreRefused() throws Exception {
    Path pem = Files.writeString(dir.resolve("ca.pem"), "");
    CliRun.Result r = serve(Map.of(), "--trust-server", pem.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).isEqualTo("signet: error: --trust-server is for --smtp-relay, --imap-url and --ldap-url\n");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void aDirectoryTrustAnchorFileThatHoldsNoCertificateIsRefusedBeforeAnythingIsWritten() throws Exception {
    Path pem = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
    CliRun.Result r = serve(Map.of("SIGNET_LDAP_PASSWORD", "secret"), "--ldap-url",
        "ldaps://ldap.example.org/dc=example,dc=org", "--ldap-bind-dn", "cn=signet,dc=example,dc=org",
        "--trust-server", pem.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).startsWith("signet: error: ").contains("ca.pem").doesNotContain("\tat ");
    assertThat(dir.resolve("data")).doesNotExist();
  }
}
