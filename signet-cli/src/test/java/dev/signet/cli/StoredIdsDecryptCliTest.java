package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** read and decrypt open mail with the IDs kept in the store: by name, or every one of them, expired ones too. */
class StoredIdsDecryptCliTest {
  @TempDir Path dir;
  final CliRun signet = CliRun.withPassword();
  String store;
  Path message;

  @BeforeEach
  void aPlainMessage() throws IOException {
    store = dir.resolve("store").toString();
    message = Files.write(dir.resolve("msg.eml"),
        Fixtures.message("alice@example.org", "bob@example.org", "Old mail", "Kept for years.\r\n"));
  }

  @Test
  void readNamesAStoredIdWithId() throws IOException {
    Fixtures.Person bob = Fixtures.person(dir, "bob@example.org", "Bob");
    ok(signet.run("id", "import", bob.p12().toString(), "--name", "bob-2026", "--store", store));

    CliRun.Result read = signet.run("read", "--id", "bob-2026", "--store", store, "--in", encryptedTo(bob));

    assertThat(read.out()).as(read.toString()).contains("Kept for years.");
  }

  @Test
  void withoutIdEveryStoredIdIsTriedExpiredOnesIncluded() throws IOException {
    Fixtures.Person expired = Fixtures.expiredPerson(Files.createDirectory(dir.resolve("old")), "bob@example.org", "Bob");
    Fixtures.Person current = Fixtures.person(dir, "bob@example.org", "Bob");
    ok(signet.run("id", "import", expired.p12().toString(), "--name", "bob-2020", "--store", store));
    ok(signet.run("id", "import", current.p12().toString(), "--name", "bob-2026", "--store", store));

    CliRun.Result read = signet.run("read", "--store", store, "--in", encryptedTo(expired));

    assertThat(read.out()).as(read.toString()).contains("Kept for years.");
  }

  @Test
  void aNonExportableStoredIdDecrypts() throws IOException {
    Fixtures.Person bob = Fixtures.person(dir, "bob@example.org", "Bob");
    ok(signet.run("id", "import", bob.p12().toString(), "--name", "sealed", "--non-exportable", "--store", store));

    CliRun.Result decrypted = ok(signet.run("decrypt", "--store", store, "--in", encryptedTo(bob)));

    assertThat(decrypted.out()).contains("Kept for years.");
  }

  @Test
  void anIdThatIsNeitherAFileNorAStoredNameIsRefusedByName() throws IOException {
    Fixtures.Person bob = Fixtures.person(dir, "bob@example.org", "Bob");

    CliRun.Result read = signet.run("read", "--id", "nobody", "--store", store, "--in", encryptedTo(bob));

    assertThat(read.exitCode()).isEqualTo(2);
    assertThat(read.stderr()).contains("--id nobody: no such file, and no digital ID of that name");
  }

  @Test
  void withoutAStoreOrAnIdTheOrganisationsNeedEncryptionStringIsShown() throws IOException {
    Fixtures.Person bob = Fixtures.person(dir, "bob@example.org", "Bob");
    Path policy = Files.writeString(dir.resolve("policy.txt"), "NeedEncryptionString=Ask the help desk for your ID\n");

    CliRun.Result read = signet.run("read", "--store", dir.resolve("empty").toString(), "--policy", policy.toString(),
        "--in", encryptedTo(bob));

    assertThat(read.exitCode()).isEqualTo(2);
    assertThat(read.stderr()).contains("Ask the help desk for your ID");
  }

  private String encryptedTo(Fixtures.Person p) {
    Path out = dir.resolve("to-" + p.id().certificate().getSerialNumber() + ".eml");
    ok(signet.run("encrypt", "--to", p.certificatePem().toString(), "--in", message.toString(), "--out", out.toString()));
    return out.toString();
  }

  private static CliRun.Result ok(CliRun.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }
}
