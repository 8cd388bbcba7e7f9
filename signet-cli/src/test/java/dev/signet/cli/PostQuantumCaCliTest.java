package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigitalId;
import dev.signet.testkit.LoopbackPorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, post-quantum: bob enrolls with `id enroll --key ml-kem-768` at `signet serve`, which
 * issues him an ML-DSA-65 signing certificate and an ML-KEM-768 encryption certificate (its request
 * signed with the ML-DSA key, RFC 9883) and publishes both in its directory; alice composes to him
 * with `compose --server ldap://... --trust root.pem --certs issuing.pem`, which finds the ML-KEM certificate and
 * signs and encrypts with AES-256-GCM; bob reads it with his ML-KEM ID.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostQuantumCaCliTest {
  private static final String BOB = "bob@example.org";
  private static final boolean[] DIGITAL_SIGNATURE = {true, false, false, false, false, false, false, false, false};
  private static final boolean[] KEY_ENCIPHERMENT = {false, false, true, false, false, false, false, false, false};
  @TempDir Path dir;
  private ServeFixture serve;
  private String directory;
  private Path bobs;
  private CliRun.Result enrolled;

  @BeforeAll
  void serveAndEnrollBob() throws IOException {
    int ldapPort = LoopbackPorts.free();
    serve = ServeFixture.start("CN=Post-Quantum Test CA", Map.of(), List.of("--smtp-port", "0", "--smtps-port", "0",
        "--imap-port", "0", "--imaps-port", "0", "--ldap-port", String.valueOf(ldapPort), "--ldaps-port", "0"));
    directory = "ldap://127.0.0.1:" + ldapPort + "/dc=example,dc=org";
    bobs = Files.createTempDirectory("signet-pq-bob");
    enrolled = enroll(BOB, "--key", "ml-kem-768");
  }

  @AfterAll
  void stop() throws InterruptedException {
    serve.close();
  }

  @Test
  void anMlKemEnrollmentGivesAnMlDsaSigningIdAndAnMlKemEncryptionId() throws IOException {
    assertThat(enrolled.exitCode()).as(enrolled.toString()).isZero();
    DigitalId signing = Fixtures.readId(bobs.resolve("bob.p12"));
    DigitalId encryption = Fixtures.readId(bobs.resolve("bob-encryption.p12"));

    assertThat(signing.certificate().getKeyUsage()).isEqualTo(DIGITAL_SIGNATURE);
    assertThat(encryption.certificate().getKeyUsage()).isEqualTo(KEY_ENCIPHERMENT);
    assertThat(encryption.certificate().getIssuerX500Principal().getName()).contains("Post-Quantum Test CA");
    assertThat(enrolled.stderr()).contains("encryption certificate for bob@example.org");
  }

  @Test
  void aliceComposesToBobsMlKemCertificateFromTheDirectoryAndBobReadsIt() throws IOException {
    Fixtures.Person alice = Fixtures.person(Files.createDirectory(dir.resolve("alice")), "alice@example.org", "Alice");
    Path message = Files.write(dir.resolve("msg.eml"),
        Fixtures.message("alice@example.org", BOB, "Lunch", "Noon, post-quantum.\r\n"));
    Path out = dir.resolve("out.eml");
    Path issuing = Fixtures.writePem(dir.resolve("issuing.pem"),
        Fixtures.readId(bobs.resolve("bob.p12")).chain().get(1));

    CliRun.Result compose = CliRun.withPassword().run("compose", "--from", alice.p12().toString(), "--sign", "--encrypt",
        "--store", dir.resolve("alice-store").toString(), "--server", directory, "--trust", serve.root.toString(),
        "--certs", issuing.toString(), "--in", message.toString(), "--out", out.toString());

    assertThat(compose.exitCode()).as(compose.toString()).isZero();
    assertThat(compose.stderr()).contains("bob@example.org: certificate from the directory");
    assertThat(Files.readString(out, StandardCharsets.US_ASCII)).contains("authEnveloped-data");
    CliRun.Result read = CliRun.withPassword().run("read", "--id", bobs.resolve("bob-encryption.p12").toString(),
        "--no-harvest", "--trust", alice.certificatePem().toString(), "--in", out.toString());
    assertThat(read.exitCode()).as(read.toString()).isZero();
    assertThat(read.stderr()).contains("encrypted with AES-256-GCM");
    assertThat(read.out()).contains("Noon, post-quantum.");
  }

  @Test
  void anMlDsaKeyHasNoEncryptionHalfToEnroll() {
    CliRun.Result r = enroll("carol@example.org", "--key", "ml-dsa-65", "--separate-encryption-key");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderrLines()).singleElement().asString().startsWith("signet:").contains("only signs");
  }

  private CliRun.Result enroll(String email, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("id", "enroll", "--server", serve.server(), "--token",
        serve.token(email), "--email", email, "--ca", serve.root.toString(), "--out",
        bobs.resolve(email.substring(0, email.indexOf('@')) + ".p12").toString()));
    args.addAll(List.of(more));
    return ServeFixture.SIGNET.run(args.toArray(String[]::new));
  }
}
