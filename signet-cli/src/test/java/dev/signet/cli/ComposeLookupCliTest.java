package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.directory.EmbeddedDirectory;
import dev.signet.directory.EmbeddedSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compose finds recipients' certificates without --rcpt: in the directory first (when they chain to a --trust root),
 * then in the address book.
 */
class ComposeLookupCliTest {
  private static final String ADMIN_PASSWORD = "admin secret";
  @TempDir Path dir;
  EmbeddedDirectory gal;
  Fixtures.Person bob;
  Path bobsStore;
  Path reply;

  @BeforeEach
  void start() throws IOException {
    gal = EmbeddedDirectory.start(
        EmbeddedSettings.forDomain(dir.resolve("gal"), "example.org", ADMIN_PASSWORD.toCharArray()).withPort(0));
    bob = Fixtures.person(dir, "bob@example.org", "Bob");
    bobsStore = dir.resolve("bob-store");
    reply = Files.write(dir.resolve("reply.eml"),
        Fixtures.message("bob@example.org", "alice@example.org", "Re: Lunch", "Noon it is.\r\n"));
  }

  @AfterEach
  void stop() {
    gal.close();
  }

  @Test
  void aRecipientPublishedInTheDirectoryCanReadWhatIsComposedToThem() throws IOException {
    Fixtures.Person alice = person("alice");
    publish(alice);

    CliRun.Result compose = composeToAlice(alice);

    assertThat(compose.stderr()).contains("alice@example.org: certificate from the directory");
    assertThat(readAs(alice).out()).contains("Noon it is.");
  }

  @Test
  void aDirectoryCertificateThatChainsToNoTrustedRootIsNotEncryptedTo() throws IOException {
    publish(person("alice"));

    CliRun.Result compose = composeTrusting();

    assertThat(compose.exitCode()).as(compose.toString()).isEqualTo(2);
    assertThat(compose.stderr()).contains("alice@example.org").contains("do not chain to a trusted root");
  }

  @Test
  void theDirectoryComesBeforeTheAddressBook() throws IOException {
    Fixtures.Person oldAlice = person("old");
    Fixtures.Person newAlice = person("new");
    harvestIntoBobsBook(oldAlice);
    publish(newAlice);

    CliRun.Result compose = composeToAlice(newAlice);

    assertThat(compose.stderr()).contains("alice@example.org: certificate from the directory");
    assertThat(readAs(newAlice).out()).contains("Noon it is.");
    assertThat(readAs(oldAlice).exitCode()).isEqualTo(2);
  }

  @Test
  void aRecipientMissingFromTheDirectoryIsFoundInTheAddressBook() throws IOException {
    Fixtures.Person alice = person("alice");
    harvestIntoBobsBook(alice);

    CliRun.Result compose = composeToAlice();

    assertThat(compose.stderr()).contains("alice@example.org: certificate from the address book");
    assertThat(readAs(alice).out()).contains("Noon it is.");
  }

  private Fixtures.Person person(String folder) throws IOException {
    return Fixtures.person(Files.createDirectory(dir.resolve(folder)), "alice@example.org", "Alice");
  }

  private void publish(Fixtures.Person p) {
    ok(CliRun.withEnvironment(Map.of("SIGNET_LDAP_PASSWORD", ADMIN_PASSWORD)).run("gal", "publish", "--id",
        p.p12().toString(), "--server", gal.url().toString(), "--bind-dn", gal.adminDn()));
  }

  private void harvestIntoBobsBook(Fixtures.Person p) throws IOException {
    Path message = Files.write(dir.resolve("from-alice.eml"),
        Fixtures.message("alice@example.org", "bob@example.org", "Lunch", "Noon?\r\n"));
    Path signed = dir.resolve("signed-by-alice.eml");
    ok(CliRun.withPassword().run("sign", "--id", p.p12().toString(), "--in", message.toString(), "--out",
        signed.toString()));
    ok(CliRun.withPassword().run("read", "--store", bobsStore.toString(), "--trust", p.certificatePem().toString(),
        "--in", signed.toString()));
  }

  private CliRun.Result composeToAlice(Fixtures.Person... trusted) {
    return ok(composeTrusting(trusted));
  }

  private CliRun.Result composeTrusting(Fixtures.Person... trusted) {
    List<String> args = new ArrayList<>(List.of("compose", "--from", bob.p12().toString(), "--encrypt", "--store",
        bobsStore.toString(), "--server", gal.url().toString(), "--in", reply.toString(), "--out",
        dir.resolve("out.eml").toString()));
    for (Fixtures.Person p : trusted) {
      args.addAll(List.of("--trust", p.certificatePem().toString()));
    }
    return CliRun.withPassword().run(args.toArray(String[]::new));
  }

  private CliRun.Result readAs(Fixtures.Person p) {
    return CliRun.withPassword().run("read", "--id", p.p12().toString(), "--no-harvest", "--in",
        dir.resolve("out.eml").toString());
  }

  private static CliRun.Result ok(CliRun.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }
}
