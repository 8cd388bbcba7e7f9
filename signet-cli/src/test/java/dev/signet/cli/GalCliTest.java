package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.Certificates;
import dev.signet.directory.EmbeddedDirectory;
import dev.signet.directory.EmbeddedSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** signet gal publish and gal lookup against the embedded directory on a loopback port. */
class GalCliTest {
  private static final String ADMIN_PASSWORD = "admin secret";
  @TempDir Path dir;
  EmbeddedDirectory gal;
  Fixtures.Person alice;

  @BeforeEach
  void start() throws IOException {
    gal = EmbeddedDirectory.start(
        EmbeddedSettings.forDomain(dir.resolve("gal"), "example.org", ADMIN_PASSWORD.toCharArray()).withPort(0));
    alice = Fixtures.person(dir, "alice@example.org", "Alice");
  }

  @AfterEach
  void stop() {
    gal.close();
  }

  CliRun asAdmin() {
    return CliRun.withEnvironment(Map.of("SIGNET_LDAP_PASSWORD", ADMIN_PASSWORD));
  }

  CliRun.Result publishAsAdmin(String... extra) {
    String[] base = {"gal", "publish", "--id", alice.p12().toString(), "--server", gal.url().toString(),
        "--bind-dn", gal.adminDn()};
    return asAdmin().run(concat(base, extra));
  }

  @Test
  void aPublishedCertificateIsLookedUpAsPem() {
    CliRun.Result published = publishAsAdmin();
    assertThat(published.exitCode()).as(published.toString()).isZero();

    CliRun.Result found = CliRun.withoutPassword().run("gal", "lookup", "alice@example.org", "--server",
        gal.url().toString());

    assertThat(found.exitCode()).as(found.toString()).isZero();
    assertThat(found.out()).isEqualTo(Certificates.pem(alice.id().certificate()));
    assertThat(found.stderr()).contains("reads AES-256-GCM, AES-128-GCM, AES-256-CBC, AES-128-CBC");
  }

  @Test
  void theOwnerPublishesBoundAsTheirOwnEntry() throws IOException {
    String dn = gal.addPerson("alice@example.org", "Alice", "alice pw".toCharArray());
    Path bindPassword = Files.writeString(dir.resolve("bind.pw"), "alice pw\n");

    CliRun.Result r = CliRun.withPassword().run("gal", "publish", "--id", alice.p12().toString(), "--server",
        gal.url().toString(), "--bind-dn", dn, "--bind-pass-file", bindPassword.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(gal.lookup("alice@example.org", Instant.now()).certificates()).containsExactly(alice.id().certificate());
  }

  @Test
  void aLookupWithNoUsableCertificateExitsOne() {
    CliRun.Result r = CliRun.withoutPassword().run("gal", "lookup", "nobody@example.org", "--server",
        gal.url().toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("no usable certificate for nobody@example.org");
  }

  @Test
  void publishingIsRefusedWhenPublishToGalDisabledIsOne() throws IOException {
    Path policy = Files.writeString(dir.resolve("policy.txt"), "PublishToGALDisabled=1\n");

    CliRun.Result r = publishAsAdmin("--policy", policy.toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.stderrLines()).containsExactly(
        "signet: error: PublishToGALDisabled: users cannot publish their certificates to the directory");
    assertThat(gal.find("alice@example.org")).isEmpty();
  }

  @Test
  void anAnonymousPublishIsRefusedInOneLine() {
    CliRun.Result r = CliRun.withPassword().run("gal", "publish", "--id", alice.p12().toString(), "--server",
        gal.url().toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.stderrLines()).singleElement().asString().startsWith("signet: error: ").contains("not allowed");
  }

  @Test
  void aProfilePublishesItsSigningAndEncryptionCertificates() throws IOException {
    Fixtures.Person encryption = Fixtures.person(Files.createDirectory(dir.resolve("enc")), "alice@example.org",
        "Alice (encryption)");
    Path store = dir.resolve("store");
    run(CliRun.withPassword(), "id", "import", alice.p12().toString(), "--name", "signing", "--store", store.toString());
    run(CliRun.withPassword(), "id", "import", encryption.p12().toString(), "--name", "enc", "--store", store.toString());
    run(CliRun.withPassword(), "profile", "add", "work", "--signing-id", "signing", "--encryption-id", "enc",
        "--store", store.toString());

    CliRun.Result r = asAdmin().run("gal", "publish", "--profile", "work", "--store", store.toString(), "--server",
        gal.url().toString(), "--bind-dn", gal.adminDn());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(gal.lookup("alice@example.org", Instant.now()).certificates())
        .containsExactlyInAnyOrder(alice.id().certificate(), encryption.id().certificate());
  }

  private static void run(CliRun cli, String... args) {
    CliRun.Result r = cli.run(args);
    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
