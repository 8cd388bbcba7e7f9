package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A default profile made with {@code --non-exportable-ids} makes {@code id new} and {@code id import}
 * seal new digital IDs in the store unless told {@code --exportable}; without it they stay exportable.
 */
class NonExportableDefaultCliTest {
  @TempDir Path dir;
  final CliRun signet = CliRun.withPassword();
  Fixtures.Person alice;
  String store;

  @BeforeEach
  void aliceSetsANonExportableDefault() throws IOException {
    alice = Fixtures.person(dir, "alice@example.org", "Alice");
    store = dir.resolve("store").toString();
    ok(signet.run("id", "import", alice.p12().toString(), "--name", "alice", "--store", store));
    ok(signet.run("profile", "add", "sealed", "--signing-id", "alice", "--non-exportable-ids", "--store", store));
  }

  @Test
  void theProfileListSaysSo() {
    assertThat(ok(signet.run("profile", "list", "--store", store)).out()).contains("sealed (default)")
        .contains("new IDs non-exportable");
  }

  @Test
  void idNewKeepsTheNewIdSealedInTheStore() {
    CliRun.Result made = ok(signet.run("id", "new", "--email", "carol@example.org", "--key", "ec-p256", "--store",
        store));

    assertThat(made.stderr()).contains("added carol (non-exportable, as the default profile says)");
    assertRefusedExport("carol");
  }

  @Test
  void idNewWithExportableOverridesTheDefault() {
    ok(signet.run("id", "new", "--email", "dan@example.org", "--key", "ec-p256", "--exportable", "--store-as", "dan",
        "--store", store));

    assertThat(ok(signet.run("id", "export", "dan", "--out", dir.resolve("dan.p12").toString(), "--store", store))
        .exitCode()).isZero();
  }

  @Test
  void idNewToAFileIsRefusedUntilTheDefaultIsOverridden() {
    CliRun.Result r = signet.run("id", "new", "--email", "erin@example.org", "--key", "ec-p256", "--out",
        dir.resolve("erin.p12").toString(), "--store", store);

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("default profile makes new digital IDs non-exportable");
    assertThat(dir.resolve("erin.p12")).doesNotExist();
    ok(signet.run("id", "new", "--email", "erin@example.org", "--key", "ec-p256", "--exportable", "--out",
        dir.resolve("erin.p12").toString(), "--store", store));
    assertThat(dir.resolve("erin.p12")).exists();
  }

  @Test
  void idImportSealsTheImportedKey() throws IOException {
    ok(signet.run("id", "import", alice.p12().toString(), "--name", "again", "--store", dir.resolve("other").toString()));
    String other = dir.resolve("other").toString();
    ok(signet.run("profile", "add", "sealed", "--signing-id", "again", "--non-exportable-ids", "--store", other));
    Fixtures.Person bob = Fixtures.person(dir, "bob@example.org", "Bob");

    CliRun.Result imported = ok(signet.run("id", "import", bob.p12().toString(), "--name", "bob", "--store", other));

    assertThat(imported.stderr()).contains("non-exportable");
    assertThat(signet.run("id", "export", "bob", "--out", dir.resolve("bob-exported.p12").toString(), "--store", other)
        .stderr()).contains("bob is a non-exportable digital ID");
  }

  @Test
  void bothChoicesAtOnceAreAUsageError() {
    CliRun.Result r = signet.run("id", "new", "--email", "fay@example.org", "--exportable", "--non-exportable",
        "--store", store);

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("give --non-exportable or --exportable, not both");
  }

  @Test
  void withoutTheProfileOptionNewIdsStayExportable() {
    String plain = dir.resolve("plain").toString();
    ok(signet.run("id", "import", alice.p12().toString(), "--name", "alice", "--store", plain));
    ok(signet.run("profile", "add", "home", "--signing-id", "alice", "--store", plain));

    ok(signet.run("id", "new", "--email", "gil@example.org", "--key", "ec-p256", "--store-as", "gil", "--store", plain));

    assertThat(ok(signet.run("id", "list", "--store", plain)).out()).contains("gil\tgil@example.org")
        .doesNotContain("non-exportable");
  }

  private void assertRefusedExport(String name) {
    CliRun.Result export = signet.run("id", "export", name, "--out", dir.resolve(name + ".p12").toString(), "--store",
        store);
    assertThat(export.exitCode()).isEqualTo(2);
    assertThat(export.stderr()).contains(name + " is a non-exportable digital ID");
    assertThat(dir.resolve(name + ".p12")).doesNotExist();
  }

  private static CliRun.Result ok(CliRun.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }
}
