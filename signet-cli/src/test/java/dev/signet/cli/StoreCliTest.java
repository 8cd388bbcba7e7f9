package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store verbs: id import/export/list/delete, profile add/list/set-default/remove, sign --profile. */
class StoreCliTest {
  @TempDir Path dir;
  final CliRun signet = CliRun.withPassword();
  Fixtures.Person alice;
  String store;

  @BeforeEach
  void aliceImportsHerId() throws IOException {
    alice = Fixtures.person(dir, "alice@example.org", "Alice");
    store = dir.resolve("store").toString();
    ok(signet.run("id", "import", alice.p12().toString(), "--name", "alice", "--store", store));
  }

  @Test
  void importListAndDelete() {
    CliRun.Result list = ok(signet.run("id", "list", "--store", store));
    assertThat(list.out()).startsWith("alice\talice@example.org\tdual-use\tCN=Alice")
        .contains("\tcurrent\texportable\t-");

    ok(signet.run("id", "delete", "alice", "--store", store));

    assertThat(ok(signet.run("id", "list", "--store", store)).out()).isEmpty();
    CliRun.Result again = signet.run("id", "delete", "alice", "--store", store);
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.stderr()).contains("no digital ID named alice");
  }

  @Test
  void listAsJsonGivesEachIdWithItsUsageExpiryAndProfiles() {
    ok(signet.run("profile", "add", "home", "--signing-id", "alice", "--store", store));

    assertThat(ok(signet.run("id", "list", "--json", "--store", store)).out()).contains("\"name\" : \"alice\"")
        .contains("\"usage\" : \"dual-use\"").contains("\"expired\" : false").contains("\"profiles\" : [ \"home\" ]");
  }

  @Test
  void aNonExportableIdIsListedAsSuchAndItsExportRefused() {
    ok(signet.run("id", "new", "--email", "carol@example.org", "--key", "ec-p256", "--non-exportable", "--store", store));

    assertThat(ok(signet.run("id", "list", "--store", store)).out()).contains("carol\tcarol@example.org")
        .contains("non-exportable");
    CliRun.Result export = signet.run("id", "export", "carol", "--out", dir.resolve("c.p12").toString(), "--store", store);
    assertThat(export.exitCode()).isEqualTo(2);
    assertThat(export.stderr()).contains("carol is a non-exportable digital ID");
    assertThat(dir.resolve("c.p12")).doesNotExist();
  }

  @Test
  void anImportedIdCanBeMadeNonExportable() {
    ok(signet.run("id", "import", alice.p12().toString(), "--name", "sealed", "--non-exportable", "--store",
        dir.resolve("other").toString()));

    assertThat(signet.run("id", "export", "sealed", "--out", dir.resolve("s.p12").toString(), "--store",
        dir.resolve("other").toString()).exitCode()).isEqualTo(2);
  }

  @Test
  void aNonExportableIdCannotBeWrittenToAFile() {
    CliRun.Result r = signet.run("id", "new", "--email", "dan@example.org", "--non-exportable", "--out",
        dir.resolve("d.p12").toString(), "--store", store);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("non-exportable ID stays in the store");
  }

  @Test
  void theStoreComesFromSignetStoreWhenNoOptionIsGiven() {
    CliRun.Result list = ok(CliRun.withEnvironment(java.util.Map.of("SIGNET_STORE", store)).run("id", "list"));
    assertThat(list.out()).startsWith("alice\t");
  }

  @Test
  void exportWithDeleteMovesTheIdOut() throws IOException {
    Path moved = dir.resolve("moved.p12");
    ok(signet.run("id", "export", "alice", "--out", moved.toString(), "--delete", "--store", store));

    assertThat(ok(signet.run("id", "list", "--store", store)).out()).isEmpty();
    String other = dir.resolve("other").toString();
    ok(signet.run("id", "import", moved.toString(), "--store", other));
    assertThat(ok(signet.run("id", "list", "--store", other)).out()).startsWith("moved\talice@example.org");
  }

  @Test
  void aRefusedExportWithDeleteLeavesNoExportedFileBehindAndTheIdInTheStore() throws IOException {
    ok(signet.run("profile", "add", "home", "--signing-id", "alice", "--store", store));
    Path exports = Files.createDirectory(dir.resolve("exports"));
    Path moved = exports.resolve("moved.p12");

    CliRun.Result r = signet.run("id", "export", "alice", "--out", moved.toString(), "--delete", "--store", store);

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.stderr()).contains("alice is used by profile home");
    assertThat(moved).doesNotExist();
    try (java.util.stream.Stream<Path> left = Files.list(exports)) {
      assertThat(left).as("files left beside --out").isEmpty();
    }
    assertThat(ok(signet.run("id", "list", "--store", store)).out()).startsWith("alice\t");
  }

  @Test
  void exportNeverWritesOverAFileAlreadyThere() throws IOException {
    Path existing = Files.writeString(dir.resolve("someone-else.p12"), "another ID");

    CliRun.Result r = signet.run("id", "export", "alice", "--out", existing.toString(), "--store", store);

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.stderr()).contains("never written over");
    assertThat(existing).hasContent("another ID");
  }

  @Test
  void profilesAreAddedListedMadeDefaultAndRemoved() {
    ok(signet.run("profile", "add", "home", "--signing-id", "alice", "--store", store));
    ok(signet.run("profile", "add", "strong", "--signing-id", "alice", "--hash", "sha512", "--cipher", "aes256-gcm",
        "--send-certificates", "false", "--store", store));
    assertThat(ok(signet.run("profile", "list", "--store", store)).out().lines())
        .containsExactly("home (default)\tsigning alice\tencryption alice\tSHA-256\tAES-128-GCM\tcertificates sent\tno label\tnew IDs exportable\tsubject encrypted",
            "strong\tsigning alice\tencryption alice\tSHA-512\tAES-256-GCM\tcertificates not sent\tno label\tnew IDs exportable\tsubject encrypted");
    assertThat(ok(signet.run("id", "list", "--store", store)).out()).contains("profiles: home,strong");

    ok(signet.run("profile", "set-default", "strong", "--store", store));
    assertThat(ok(signet.run("profile", "list", "--store", store)).out()).contains("strong (default)");

    ok(signet.run("profile", "remove", "strong", "--store", store));
    assertThat(ok(signet.run("profile", "list", "--store", store)).out().lines()).containsExactly(
        "home\tsigning alice\tencryption alice\tSHA-256\tAES-128-GCM\tcertificates sent\tno label\tnew IDs exportable\tsubject encrypted");
    assertThat(signet.run("profile", "add", "bad", "--signing-id", "nobody", "--store", store).exitCode()).isEqualTo(2);
  }

  @Test
  void signWithAProfileUsesItsIdAndHash() throws IOException {
    ok(signet.run("profile", "add", "strong", "--signing-id", "alice", "--hash", "sha384", "--store", store));
    Path plain = Files.write(dir.resolve("msg.eml"), Fixtures.message("alice@example.org", "bob@example.org", "Hi", "Hello\r\n"));
    Path signed = dir.resolve("signed.eml");

    ok(signet.run("sign", "--profile", "strong", "--in", plain.toString(), "--out", signed.toString(), "--store", store));

    assertThat(Files.readString(signed, StandardCharsets.US_ASCII)).contains("micalg=sha-384");
    ok(signet.run("verify", "--trust", alice.certificatePem().toString(), "--in", signed.toString()));
    Path byDefault = dir.resolve("default.eml");
    ok(signet.run("sign", "--in", plain.toString(), "--out", byDefault.toString(), "--store", store));
    assertThat(Files.readString(byDefault, StandardCharsets.US_ASCII)).contains("micalg=sha-384");
  }

  @Test
  void signWithoutIdOrDefaultProfileIsAUsageError() throws IOException {
    Path plain = Files.write(dir.resolve("msg.eml"), Fixtures.message("alice@example.org", "bob@example.org", "Hi", "Hello\r\n"));

    CliRun.Result r = signet.run("sign", "--in", plain.toString(), "--store", store);

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("--from or --profile is needed");
  }

  private static CliRun.Result ok(CliRun.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }
}
