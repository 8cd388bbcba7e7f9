package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.Certificates;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import dev.signet.testkit.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** signet read learns trusted signers into the address book; contacts list, show, remove; compose uses it. */
class AddressBookCliTest {
  @TempDir Path dir;
  Fixtures.Person alice;
  Fixtures.Person bob;
  Path bobsStore;
  Path signedByAlice;

  @BeforeEach
  void aliceSignsToBob() throws IOException {
    alice = Fixtures.person(dir, "alice@example.org", "Alice");
    bob = Fixtures.person(dir, "bob@example.org", "Bob");
    bobsStore = dir.resolve("bob-store");
    Path message = Files.write(dir.resolve("msg.eml"),
        Fixtures.message("alice@example.org", "bob@example.org", "Lunch", "Noon?\r\n"));
    signedByAlice = dir.resolve("signed.eml");
    ok(CliRun.withPassword().run("sign", "--id", alice.p12().toString(), "--in", message.toString(), "--out",
        signedByAlice.toString()));
  }

  CliRun.Result bobReads(String... trust) {
    String[] base = {"read", "--store", bobsStore.toString(), "--in", signedByAlice.toString()};
    String[] all = new String[base.length + trust.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(trust, 0, all, base.length, trust.length);
    return CliRun.withPassword().run(all);
  }

  @Test
  void readingATrustedSignedMessageLearnsTheSender() {
    CliRun.Result read = ok(bobReads("--trust", alice.certificatePem().toString()));
    assertThat(read.stderr()).contains("address book: learned the certificate of alice@example.org");

    CliRun.Result list = ok(CliRun.withPassword().run("contacts", "list", "--store", bobsStore.toString()));

    assertThat(list.out()).startsWith("alice@example.org\t").contains("reads AES-128-GCM, AES-256-GCM"); // the sender's default cipher first
  }

  @Test
  void readingAnUntrustedSignedMessageLearnsNothing() {
    CliRun.Result read = CliRun.withPassword().run("read", "--store", bobsStore.toString(), "--in",
        signedByAlice.toString());

    assertThat(read.stderr()).doesNotContain("address book");
    assertThat(ok(CliRun.withPassword().run("contacts", "list", "--store", bobsStore.toString())).out()).isEmpty();
  }

  @Test
  void noHarvestLeavesTheAddressBookAlone() {
    ok(bobReads("--trust", alice.certificatePem().toString(), "--no-harvest"));

    assertThat(Files.exists(bobsStore.resolve("contacts.json"))).isFalse();
  }

  @Test
  void showPrintsTheLearnedCertificateAsPem() {
    ok(bobReads("--trust", alice.certificatePem().toString()));

    CliRun.Result show = ok(CliRun.withPassword().run("contacts", "show", "alice@EXAMPLE.org", "--store",
        bobsStore.toString()));

    assertThat(show.out()).isEqualTo(Certificates.pem(alice.id().certificate()));
  }

  @Test
  void removeForgetsTheAddressAndRemovingItAgainIsAnError() {
    ok(bobReads("--trust", alice.certificatePem().toString()));

    ok(CliRun.withPassword().run("contacts", "remove", "alice@example.org", "--store", bobsStore.toString()));
    CliRun.Result again = CliRun.withPassword().run("contacts", "remove", "alice@example.org", "--store",
        bobsStore.toString());

    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.stderrLines()).containsExactly("signet: error: the address book has no alice@example.org");
  }

  @Test
  void composeEncryptsToAHarvestedSenderWithoutRcptAndOpenSslDecrypts() throws IOException {
    ExternalTool.OPENSSL.require();
    ok(bobReads("--trust", alice.certificatePem().toString()));
    Path reply = Files.write(dir.resolve("reply.eml"),
        Fixtures.message("bob@example.org", "alice@example.org", "Re: Lunch", "Noon it is.\r\n"));
    Path encrypted = dir.resolve("encrypted.eml");

    CliRun.Result compose = ok(CliRun.withPassword().run("compose", "--from", bob.p12().toString(), "--encrypt",
        "--store", bobsStore.toString(), "--in", reply.toString(), "--out", encrypted.toString()));

    assertThat(compose.stderr()).contains("alice@example.org: certificate from the address book");
    Path key = TestPki.writePrivateKeyPem(dir.resolve("alice.key"), alice.id().privateKey());
    ProcessRunner.Result openssl = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("openssl", "cms",
        "-decrypt", "-in", encrypted.toString(), "-recip", alice.certificatePem().toString(), "-inkey",
        key.toString()));
    assertThat(openssl.exitCode()).as(openssl.stderr()).isZero();
    assertThat(openssl.stdoutText()).contains("Noon it is.");
  }

  @Test
  void theCiphersASenderAnnouncedChooseTheCipherOfTheReply() throws IOException {
    ExternalTool.OPENSSL.require();
    Path key = TestPki.writePrivateKeyPem(dir.resolve("alice.key"), alice.id().privateKey());
    Path body = Files.writeString(dir.resolve("body.txt"), "Noon?\n");
    // OpenSSL announces only CBC ciphers (AES-256/192/128-CBC, triple DES, RC2) in its SMIMECapabilities
    ProcessRunner.Result signed = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("openssl", "cms", "-sign",
        "-text", "-in", body.toString(), "-signer", alice.certificatePem().toString(), "-inkey", key.toString(),
        "-from", "alice@example.org", "-to", "bob@example.org", "-subject", "Lunch", "-out", signedByAlice.toString()));
    assertThat(signed.exitCode()).as(signed.stderr()).isZero();
    ok(bobReads("--trust", alice.certificatePem().toString()));
    Path reply = Files.write(dir.resolve("reply.eml"),
        Fixtures.message("bob@example.org", "alice@example.org", "Re: Lunch", "Noon it is.\r\n"));
    Path encrypted = dir.resolve("encrypted.eml");

    CliRun.Result compose = ok(CliRun.withPassword().run("compose", "--from", bob.p12().toString(), "--encrypt",
        "--store", bobsStore.toString(), "--in", reply.toString(), "--out", encrypted.toString()));

    assertThat(compose.stderr()).contains("cipher: AES-256-CBC");
    ProcessRunner.Result openssl = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("openssl", "cms",
        "-decrypt", "-in", encrypted.toString(), "-recip", alice.certificatePem().toString(), "-inkey",
        key.toString()));
    assertThat(openssl.stdoutText()).contains("Noon it is.");
  }

  private static CliRun.Result ok(CliRun.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }
}
