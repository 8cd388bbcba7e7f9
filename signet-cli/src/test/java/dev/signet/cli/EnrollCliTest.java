package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: `ca init`, `serve`, `ca token`, then a person's `id enroll`; the digital ID signs,
 * Signet's verify fetches revocation from the service, and after `ca revoke` reports CERT_REVOKED.
 */
class EnrollCliTest {
  private static final CliRun SIGNET = ServeFixture.SIGNET;
  private static ServeFixture serve;
  private static Path root;
  private static Path data;
  private static int httpsPort;

  @TempDir Path dir;

  @BeforeAll
  static void serve() {
    serve = ServeFixture.start("CN=Enroll Test CA");
    root = serve.root;
    data = serve.data;
    httpsPort = serve.httpsPort;
  }

  @AfterAll
  static void stop() throws InterruptedException {
    serve.close();
  }

  private String token(String email) {
    return serve.token(email);
  }

  private CliRun.Result enroll(String email, String token, String... more) {
    String[] base = {"id", "enroll", "--server", "https://127.0.0.1:" + httpsPort, "--token", token, "--email", email,
        "--ca", root.toString(), "--out", dir.resolve(email + ".p12").toString()};
    String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(more))
        .toArray(String[]::new);
    return SIGNET.run(args);
  }

  @Test
  void aPersonEnrollsSignsAndIsReportedRevokedOnceTheAdministratorRevokes() throws IOException {
    CliRun.Result enrolled = enroll("xena@example.org", token("xena@example.org"));
    assertThat(enrolled.exitCode()).as(enrolled.toString()).isZero();
    assertThat(enrolled.stderr()).contains("the CA (CN=Enroll Test CA, signature valid) says: Accepted");

    Path message = dir.resolve("msg.eml");
    Files.writeString(message, "From: xena@example.org\r\nTo: yann@example.org\r\nSubject: hi\r\n\r\nhello\r\n",
        StandardCharsets.US_ASCII);
    Path signed = dir.resolve("signed.eml");
    assertThat(SIGNET.run("sign", "--id", dir.resolve("xena@example.org.p12").toString(), "--in", message.toString(),
        "--out", signed.toString()).exitCode()).isZero();
    CliRun.Result valid = SIGNET.run("verify", "--trust", root.toString(), "--fetch", "--fetch-private", "--cache",
        dir.resolve("cache1").toString(), "--in", signed.toString());
    assertThat(valid.exitCode()).as(valid.toString()).isZero();

    String serial = SIGNET.run("ca", "list", "--data", data.toString(), "--email", "xena@example.org").out().split(" ")[0];
    assertThat(SIGNET.run("ca", "revoke", "--data", data.toString(), "--serial", serial, "--reason", "key-compromise")
        .exitCode()).isZero();
    CliRun.Result revoked = SIGNET.run("verify", "--trust", root.toString(), "--fetch", "--fetch-private", "--cache",
        dir.resolve("cache2").toString(), "--in", signed.toString());
    assertThat(revoked.exitCode()).as(revoked.toString()).isEqualTo(1);
    assertThat(revoked.stderr()).contains("CERT_REVOKED");
  }

  @Test
  void aReusedTokenIsRefusedAndTheClientShowsTheCasSignedReason() {
    String token = token("yann@example.org");
    assertThat(enroll("yann@example.org", token).exitCode()).isZero();
    Path again = dir.resolve("yann@example.org.p12");
    CliRun.Result second = SIGNET.run("id", "enroll", "--server", "https://127.0.0.1:" + httpsPort, "--token", token,
        "--email", "yann@example.org", "--ca", root.toString(), "--out", dir.resolve("again.p12").toString());
    assertThat(second.exitCode()).isEqualTo(2);
    assertThat(second.stderr()).contains("says: Rejected (TOKEN_USED)");
    assertThat(dir.resolve("again.p12")).doesNotExist();
    assertThat(again).exists();
  }

  @Test
  void aTokenForAnotherAddressIsRefused() {
    CliRun.Result r = enroll("zoe@example.org", token("boss@example.org"));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("Rejected (TOKEN_UNKNOWN)");
  }

  @Test
  void aNonExportableEnrollmentStaysSealedInTheStore() {
    String store = dir.resolve("zoe-store").toString();
    CliRun.Result r = SIGNET.run("id", "enroll", "--server", "https://127.0.0.1:" + httpsPort, "--token",
        token("zoe@example.org"), "--email", "zoe@example.org", "--ca", root.toString(), "--non-exportable",
        "--store", store);
    assertThat(r.exitCode()).as(r.toString()).isZero();

    assertThat(SIGNET.run("id", "list", "--store", store).out()).contains("zoe\tzoe@example.org").contains("non-exportable");
    CliRun.Result export = SIGNET.run("id", "export", "zoe", "--out", dir.resolve("zoe.p12").toString(), "--store", store);
    assertThat(export.exitCode()).isEqualTo(2);
    assertThat(export.stderr()).contains("zoe is a non-exportable digital ID");
  }

  @Test
  void separateKeysGiveASigningAndAnEncryptionDigitalId() {
    CliRun.Result r = enroll("amy@example.org", token("amy@example.org"), "--separate-encryption-key");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(dir.resolve("amy@example.org.p12")).exists();
    assertThat(dir.resolve("amy@example.org-encryption.p12")).exists();
    assertThat(SIGNET.run("ca", "list", "--data", data.toString(), "--email", "amy@example.org").out())
        .contains("signing").contains("encryption");
  }

  @Test
  void aServerNotSignedByTheGivenCaIsNotTrusted() throws IOException {
    CliRun.Result other = SIGNET.run("ca", "init", "--data", dir.resolve("other").toString(), "--name", "CN=Other CA",
        "--key", "ec-p384");
    Path otherRoot = dir.resolve("other-root.pem");
    Files.write(otherRoot, other.stdout());
    CliRun.Result r = SIGNET.run("id", "enroll", "--server", "https://127.0.0.1:" + httpsPort, "--token", "x",
        "--email", "bea@example.org", "--ca", otherRoot.toString(), "--out", dir.resolve("bea.p12").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(dir.resolve("bea.p12")).doesNotExist();
  }
}
