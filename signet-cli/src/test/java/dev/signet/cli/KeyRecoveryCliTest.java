package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.pki.CertificateAuthority;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key archival end to end: `ca archival`, then `id enroll --separate-encryption-key` gets a
 * server-made, archived encryption key; `ca recover` with the agent's digital ID restores it, and
 * the recovered ID decrypts mail encrypted to the person.
 */
class KeyRecoveryCliTest {
  private static ServeFixture serve;
  private static Path agentP12;

  @TempDir Path dir;

  @BeforeAll
  static void archivalOn() throws IOException {
    serve = ServeFixture.start("CN=Recovery Test CA");
    DigitalId agent = DigitalId.selfSigned("recovery@example.org", "Recovery Agent", KeyType.RSA_2048,
        Clock.systemUTC(), new SecureRandom());
    agentP12 = Fixtures.writeId(serve.data.resolve("agent.p12"), agent);
    Path agentPem = serve.data.resolve("agent.pem");
    Files.writeString(agentPem, CertificateAuthority.pem(List.of(agent.certificate())));
    CliRun.Result on = serve.ca("archival", "--agent", agentPem.toString());
    assertThat(on.exitCode()).as(on.toString()).isZero();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    serve.close();
  }

  private CliRun.Result enroll(String email, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("id", "enroll", "--server", serve.server(), "--token",
        serve.token(email), "--email", email, "--ca", serve.root.toString(), "--out", dir.resolve(email + ".p12").toString()));
    args.addAll(List.of(more));
    return ServeFixture.SIGNET.run(args.toArray(String[]::new));
  }

  @Test
  void anArchivedEncryptionKeyIsRecoveredAndReadsMailSentToIt() throws IOException {
    CliRun.Result enrolled = enroll("dana@example.org", "--separate-encryption-key");
    assertThat(enrolled.exitCode()).as(enrolled.toString()).isZero();
    assertThat(enrolled.stderr()).contains("Rejected (KEY_ARCHIVAL_REQUIRED)").contains("a key made by the CA");
    Path encryptionId = dir.resolve("dana@example.org-encryption.p12");
    Path danaCert = dir.resolve("dana-enc.pem");
    Files.writeString(danaCert, CertificateAuthority.pem(List.of(
        Fixtures.readId(encryptionId).certificate())));
    Path message = dir.resolve("msg.eml");
    Files.writeString(message, "From: boss@example.org\r\nTo: dana@example.org\r\nSubject: q3\r\n\r\nfigures\r\n");
    Path encrypted = dir.resolve("enc.eml");
    assertThat(ServeFixture.SIGNET.run("encrypt", "--to", danaCert.toString(), "--in", message.toString(), "--out",
        encrypted.toString()).exitCode()).isZero();

    Path recovered = dir.resolve("recovered.p12");
    CliRun recovering = CliRun.withEnvironment(Map.of("SIGNET_NEW_PASSWORD", "new password for dana"));
    CliRun.Result r = recovering.run("ca", "recover", "--data", serve.data.toString(), "--email", "dana@example.org",
        "--agent", agentP12.toString(), "--out", recovered.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();

    CliRun.Result read = CliRun.withPassword("new password for dana").run("decrypt", "--id", recovered.toString(),
        "--in", encrypted.toString());
    assertThat(read.exitCode()).as(read.toString()).isZero();
    assertThat(read.out()).contains("figures");
    assertThat(serve.ca("audit").out()).contains("archival", "enroll-server-key", "recover");
  }

  @Test
  void aDualUseKeyIsRefusedWhileArchivalIsOn() {
    CliRun.Result r = enroll("eli@example.org");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("Rejected (KEY_ARCHIVAL_REQUIRED)");
  }

  @Test
  void recoveryNeverWritesOverAFileAlreadyThere() throws IOException {
    Path existing = Files.writeString(dir.resolve("someone-else.p12"), "another ID");

    CliRun.Result r = ServeFixture.SIGNET.run("ca", "recover", "--data", serve.data.toString(), "--email",
        "dana@example.org", "--agent", agentP12.toString(), "--out", existing.toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.stderr()).contains("never written over");
    assertThat(existing).hasContent("another ID");
  }

  @Test
  void nothingToRecoverIsAUsageError() {
    CliRun.Result r = ServeFixture.SIGNET.run("ca", "recover", "--data", serve.data.toString(), "--email",
        "nobody@example.org", "--agent", agentP12.toString(), "--out", dir.resolve("x.p12").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("no archived key for nobody@example.org");
    assertThat(dir.resolve("x.p12")).doesNotExist();
  }
}
