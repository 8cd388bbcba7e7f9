package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.Certificates;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `signet id enroll --acme` against `signet serve --demo`: the CA mails its challenge to alice's
 * mailbox, the client fetches it over IMAPS and replies over SMTPS as alice, and gets her digital ID.
 */
class AcmeEnrollCliTest {
  private static final String DEMO_PASSWORD = "acme demo password";
  private static final CliRun ALICE = CliRun.withEnvironment(Map.of("SIGNET_MAIL_PASSWORD", DEMO_PASSWORD));
  private static Path data;
  private static Path root;
  private static Thread serving;
  private static int https;
  private static int smtps;
  private static int imaps;

  @TempDir Path dir;

  @BeforeAll
  static void serveTheDemo() throws Exception {
    data = Files.createTempDirectory("signet-acme-cli");
    https = ServeFixture.freePort();
    smtps = ServeFixture.freePort();
    imaps = ServeFixture.freePort();
    List<String> args = new ArrayList<>(List.of("serve", "--demo", "--data", data.toString(), "--host", "127.0.0.1",
        "--https-port", String.valueOf(https), "--smtps-port", String.valueOf(smtps), "--imaps-port",
        String.valueOf(imaps)));
    for (String port : List.of("--http-port", "--smtp-port", "--imap-port", "--ldap-port", "--ldaps-port")) {
      args.addAll(List.of(port, "0"));
    }
    AtomicReference<CliRun.Result> result = new AtomicReference<>();
    serving = new Thread(() -> result.set(CliRun.withEnvironment(Map.of("SIGNET_DEMO_PASSWORD", DEMO_PASSWORD))
        .run(args.toArray(String[]::new))), "signet-serve-acme");
    serving.start();
    ServeFixture.awaitListening(https);
    ServeFixture.awaitListening(imaps);
    root = data.resolve("root.pem");
    try (CertificateAuthority ca = CertificateAuthority.open(CaDatabase.inDataFolder(data))) {
      Files.writeString(root, CertificateAuthority.pem(List.of(ca.caCertificates().get(ca.caCertificates().size() - 1))));
    }
  }

  @AfterAll
  static void stop() throws InterruptedException {
    serving.interrupt();
    serving.join(20_000);
  }

  private CliRun.Result enroll(CliRun as, String email, String... more) {
    List<String> args = new ArrayList<>(List.of("id", "enroll", "--acme", "https://127.0.0.1:" + https + "/acme/directory",
        "--email", email, "--imap", "imaps://127.0.0.1:" + imaps, "--smtp", "smtps://127.0.0.1:" + smtps,
        "--trust-server", root.toString(), "--ca", root.toString(), "--key", "ec-p256"));
    args.addAll(List.of(more));
    return as.run(args.toArray(String[]::new));
  }

  @Test
  void aPersonAnswersTheCasChallengeFromTheirMailboxAndGetsTheirDigitalId() throws Exception {
    Path out = dir.resolve("alice.p12");

    CliRun.Result r = enroll(ALICE, "alice@example.org", "--out", out.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stderr()).contains("answering the CA's challenge mail from acme-challenge@example.org");
    KeyStore p12 = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(out)) {
      p12.load(in, CliRun.PASSWORD.toCharArray());
    }
    String alias = p12.aliases().nextElement();
    Certificate[] chain = p12.getCertificateChain(alias);
    assertThat(Certificates.emails((X509Certificate) chain[0])).containsExactly("alice@example.org");
    assertThat(chain[chain.length - 1]).isEqualTo(CommandBase.certificates(List.of(root)).get(0));
  }

  @Test
  void aWrongMailboxPasswordStopsBeforeAnythingIsKept() {
    Path out = dir.resolve("bob.p12");

    CliRun.Result r = enroll(CliRun.withEnvironment(Map.of("SIGNET_MAIL_PASSWORD", "wrong")), "bob@example.org",
        "--out", out.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("refused the login of bob@example.org").doesNotContain("\tat ");
    assertThat(out).doesNotExist();
  }

  @Test
  void anAcmeEnrollmentWithoutAMailboxToFetchFromIsRefusedInOneLine() {
    CliRun.Result r = CliRun.withPassword().run("id", "enroll", "--acme", "https://127.0.0.1:1/acme/directory",
        "--email", "carl@example.org", "--smtp", "smtps://127.0.0.1:1", "--out", dir.resolve("carl.p12").toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("--imap").doesNotContain("\tat ");
  }

  @Test
  void separateEncryptionKeysAreForEstOnly() {
    CliRun.Result r = enroll(ALICE, "alice@example.org", "--separate-encryption-key", "--out",
        dir.resolve("two.p12").toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).isEqualTo("signet: error: --separate-encryption-key is for --server: ACME issues one "
        + "dual-use digital ID\n");
  }

  @Test
  void mailboxLoginOptionsAreRefusedWithATokenEnrollment() {
    CliRun.Result r = CliRun.withPassword().run("id", "enroll", "--server", "https://127.0.0.1:1", "--token", "t",
        "--email", "dora@example.org", "--ca", root.toString(), "--user", "dora@example.org", "--out",
        dir.resolve("dora.p12").toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).isEqualTo("signet: error: --user, --mail-pass-file, --trust-server and --allow-plaintext "
        + "are for --acme\n");
  }
}
