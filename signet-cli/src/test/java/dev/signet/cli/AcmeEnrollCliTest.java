package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.Certificates;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `signet id enroll --acme` against `signet serve --demo`: the CA mails its challenge to alice's
 * mailbox, the client fetches it over IMAPS and replies over SMTPS as alice, and gets her digital ID.
 */
class AcmeEnrollCliTest {
  private static final CliRun ALICE = CliRun.withEnvironment(Map.of("SIGNET_MAIL_PASSWORD", ServeProcess.PASSWORD));
  private static ServeProcess serve;
  private static Path root;

  @TempDir Path dir;

  @BeforeAll
  static void serveTheDemo() throws Exception {
    Path data = Files.createTempDirectory("signet-acme-cli");
    serve = ServeProcess.start(data);
    root = Files.writeString(data.resolve("root.pem"), CertificateAuthority.pem(ServeProcess.root(data)));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    serve.close();
  }

  private CliRun.Result enroll(CliRun as, String email, String... more) {
    List<String> args = new ArrayList<>(List.of("id", "enroll", "--acme", "https://127.0.0.1:" + serve.httpsPort()
        + "/acme/directory", "--email", email, "--imap", "imaps://127.0.0.1:" + serve.imapsPort(), "--smtp",
        "smtps://127.0.0.1:" + serve.smtpsPort(),
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
  void anMlKemKeyIsForEstOnlyAndIsRefusedBeforeTheCaIsAsked() {
    CliRun.Result r = CliRun.withPassword().run("id", "enroll", "--acme", "https://127.0.0.1:1/acme/directory",
        "--email", "erin@example.org", "--imap", "imaps://127.0.0.1:1", "--smtp", "smtps://127.0.0.1:1", "--key",
        "ml-kem-768", "--out", dir.resolve("erin.p12").toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).isEqualTo("signet: error: an ml-kem-768 key is for --server: ACME's request is signed by"
        + " its own key\n");
    assertThat(dir.resolve("erin.p12")).doesNotExist();
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
