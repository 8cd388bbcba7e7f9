package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.Certificates;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.PostgresServer;
import dev.signet.testkit.ProcessRunner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `signet ca ...`: the administrator's verbs on a data folder. */
class CaCliTest {
  static final String CA_PASSWORD = "ca passphrase for the cli tests";
  private final CliRun signet = CliRun.withEnvironment(Map.of("SIGNET_CA_PASSWORD", CA_PASSWORD));
  @TempDir Path dir;

  private String data() {
    return dir.resolve("data").toString();
  }

  private CliRun.Result init() {
    CliRun.Result r = signet.run("ca", "init", "--data", data(), "--name", "CN=Cli Test CA,O=Example", "--key", "ec-p384");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }

  private Path openSslRequest(String email) {
    ExternalTool.OPENSSL.require();
    ProcessRunner.Result r = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("openssl", "req", "-new", "-newkey",
        "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "req.pem", "-subj", "/CN=" + email,
        "-addext", "subjectAltName=email:" + email));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return dir.resolve("req.pem");
  }

  @Test
  void initPrintsTheRootCertificateAndASecondInitIsAUsageError() throws IOException {
    CliRun.Result first = init();
    X509Certificate root = Certificates.read(new ByteArrayInputStream(first.stdout())).get(0);
    assertThat(root.getSubjectX500Principal().getName()).isEqualTo("CN=Cli Test CA Root,O=Example");

    CliRun.Result second = signet.run("ca", "init", "--data", data(), "--name", "CN=Again");
    assertThat(second.exitCode()).isEqualTo(2);
    assertThat(second.stderr()).contains("signet: error: the CA is already set up");
  }

  @Test
  void verbsOnAFolderWithoutACaSayHowToMakeOne() {
    CliRun.Result r = signet.run("ca", "list", "--data", data());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("no CA in").contains("signet ca init");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void issueListRevokeAndCrl() throws Exception {
    init();
    Path csr = openSslRequest("uma@example.org");
    CliRun.Result issued = signet.run("ca", "issue", "--data", data(), "--csr", csr.toString(), "--profile", "signing",
        "--out", dir.resolve("uma.pem").toString());
    assertThat(issued.exitCode()).as(issued.toString()).isZero();
    X509Certificate cert = Certificates.read(Files.newInputStream(dir.resolve("uma.pem"))).get(0);
    String serial = cert.getSerialNumber().toString(16);
    assertThat(signet.run("ca", "list", "--data", data()).out()).contains(serial, "uma@example.org", "signing", "valid");

    CliRun.Result revoked = signet.run("ca", "revoke", "--data", data(), "--serial", serial, "--reason", "key-compromise");
    assertThat(revoked.exitCode()).as(revoked.toString()).isZero();
    assertThat(signet.run("ca", "crl", "--data", data(), "--out", dir.resolve("ca.crl").toString()).exitCode()).isZero();

    X509CRL crl = Certificates.readCrls(Files.newInputStream(dir.resolve("ca.crl"))).get(0);
    assertThat(crl.getRevokedCertificate(new BigInteger(serial, 16))).isNotNull();
    assertThat(signet.run("ca", "list", "--data", data()).out()).contains("revoked").contains("key-compromise");
    assertThat(signet.run("ca", "audit", "--data", data()).out()).contains("init", "issue", "revoke", "crl");
  }

  @Test
  void aValidityAboveTheBrMaximumIsAUsageErrorAndNothingIsIssued() {
    init();
    Path csr = openSslRequest("wes@example.org");
    CliRun.Result r = signet.run("ca", "issue", "--data", data(), "--csr", csr.toString(), "--days", "826");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("signet: error: a validity of 826 days is refused");
    assertThat(signet.run("ca", "list", "--data", data()).out()).doesNotContain("wes@example.org");
  }

  @Test
  void settingsAreShownChangedAndAudited() {
    init();
    assertThat(signet.run("ca", "settings", "--data", data()).out()).contains("strict", "2.23.140.1.5.1.3", "PT24H", "PT1H");
    CliRun.Result changed = signet.run("ca", "settings", "--data", data(), "--generation", "multipurpose",
        "--crl-lifetime", "7d", "--ocsp-lifetime", "8h", "--ocsp-signer", "delegated");
    assertThat(changed.exitCode()).as(changed.toString()).isZero();
    assertThat(signet.run("ca", "settings", "--data", data()).out())
        .contains("multipurpose", "2.23.140.1.5.1.2", "PT168H", "PT8H", "delegated");
    assertThat(signet.run("ca", "audit", "--data", data()).out()).contains("settings");
  }

  @Test
  void aStatusLifetimeAboveTenDaysIsAUsageError() {
    init();
    CliRun.Result r = signet.run("ca", "settings", "--data", data(), "--crl-lifetime", "11d");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("signet: error: a CRL lifetime is between 10 minutes and 10 days");
  }

  @Test
  void aWrongPassphraseIsAUsageErrorAndNothingIsWritten() {
    init();
    Path csr = openSslRequest("vic@example.org");
    CliRun.Result r = CliRun.withEnvironment(Map.of("SIGNET_CA_PASSWORD", "wrong"))
        .run("ca", "issue", "--data", data(), "--csr", csr.toString(), "--out", dir.resolve("vic.pem").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("signet: error: wrong CA passphrase");
    assertThat(dir.resolve("vic.pem")).doesNotExist();
  }

  @Test
  void aGarbageRequestIsAUsageError() throws IOException {
    init();
    Files.writeString(dir.resolve("junk.pem"), "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n");
    CliRun.Result r = signet.run("ca", "issue", "--data", data(), "--csr", dir.resolve("junk.pem").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("signet: error: not a PKCS#10 certificate request");
  }

  @Test
  void aTokenIsPrintedOnceAndItsLifetimeIsChecked() {
    init();
    CliRun.Result token = signet.run("ca", "token", "--data", data(), "--email", "wes@example.org", "--ttl", "2h");
    assertThat(token.exitCode()).as(token.toString()).isZero();
    assertThat(token.out().strip()).matches("[A-Za-z0-9_-]{43}");
    assertThat(signet.run("ca", "audit", "--data", data()).out()).doesNotContain(token.out().strip());

    CliRun.Result tooLong = signet.run("ca", "token", "--data", data(), "--email", "wes@example.org", "--ttl", "90d");
    assertThat(tooLong.exitCode()).isEqualTo(2);
    assertThat(tooLong.stderr()).contains("30 days");
  }

  @Test
  void theVerbsWorkOnPostgresqlGivenByItsUrl() {
    try (PostgresServer postgres = PostgresServer.start()) {
      String url = postgres.newDatabase();
      CliRun.Result init = signet.run("ca", "init", "--db", url, "--name", "CN=Postgres CA", "--key", "ec-p384");
      assertThat(init.exitCode()).as(init.toString()).isZero();
      assertThat(signet.run("ca", "token", "--db", url, "--email", "pia@example.org").exitCode()).isZero();
      assertThat(signet.run("ca", "audit", "--db", url).out()).contains("init", "token", "pia@example.org");
    }
  }

  @Test
  void serveOnAPortInUseSaysSoAndExits() throws IOException {
    init();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliRun.Result r = signet.run("serve", "--data", data(), "--host", "127.0.0.1", "--http-port",
          String.valueOf(taken.getLocalPort()), "--https-port", "0");
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.stderr()).contains("signet: error: cannot listen on 127.0.0.1");
    }
  }
}
