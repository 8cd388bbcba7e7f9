package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sender's record of receipt requests: kept when sending, completed by receipt verify, shown by receipts list. */
class ReceiptsStoreCliTest {
  @TempDir Path dir;
  Fixtures.Person alice;
  Fixtures.Person bob;
  Path store;
  Path draft;

  @BeforeEach
  void people() throws IOException {
    alice = Fixtures.person(dir, "alice@example.org", "Alice");
    bob = Fixtures.person(dir, "bob@example.org", "Bob");
    store = dir.resolve("alice-store");
    draft = Files.write(dir.resolve("draft.eml"),
        Fixtures.message("alice@example.org", "bob@example.org", "Board minutes", "Please confirm.\r\n"));
  }

  private Path aliceSends(String... how) {
    Path sent = dir.resolve("sent.eml");
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(how));
    args.addAll(java.util.List.of("--receipt-request", "--store", store.toString(), "--in", draft.toString(),
        "--out", sent.toString()));
    CliRun.Result r = CliRun.withPassword().run(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stderr()).contains("signet: receipts: keeping request");
    return sent;
  }

  private Path bobAnswers(Path sent, String... keys) {
    Path receipt = dir.resolve("receipt.eml");
    CliRun.Result r = CliRun.withPassword().run("read", "--id", bob.p12().toString(), "--trust",
        alice.certificatePem().toString(), "--no-harvest", "--in", sent.toString(), "--out",
        dir.resolve("content.eml").toString(), "--receipt-out", receipt.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return receipt;
  }

  private CliRun.Result list() {
    return CliRun.withPassword().run("receipts", "list", "--store", store.toString());
  }

  @Test
  void aSentRequestIsListedWithoutReceiptsUntilOneIsVerified() {
    aliceSends("sign", "--id", alice.p12().toString());

    assertThat(list().out()).contains("\"Board minutes\"").contains("no receipt yet");
  }

  @Test
  void receiptVerifyFindsTheRequestInTheStoreAndNotesWhoReturnedIt() {
    Path receipt = bobAnswers(aliceSends("sign", "--id", alice.p12().toString()));

    CliRun.Result verify = CliRun.withPassword().run("receipt", "verify", "--in", receipt.toString(), "--trust",
        bob.certificatePem().toString(), "--store", store.toString());

    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.stderr()).contains("signet: receipts: noted the receipt of bob@example.org");
    assertThat(list().out()).contains("\"Board minutes\"").contains("bob@example.org at 20");
  }

  @Test
  void anEncryptedComposedRequestIsKeptFromItsInnerSignature() {
    Path sent = aliceSends("compose", "--from", alice.p12().toString(), "--rcpt", bob.certificatePem().toString(),
        "--encrypt");
    Path receipt = bobAnswers(sent);

    CliRun.Result verify = CliRun.withPassword().run("receipt", "verify", "--in", receipt.toString(), "--trust",
        bob.certificatePem().toString(), "--store", store.toString());

    assertThat(verify.exitCode()).as(verify.toString()).isZero();
  }

  @Test
  void anInvalidReceiptIsNotNoted() throws IOException {
    Path receipt = bobAnswers(aliceSends("sign", "--id", alice.p12().toString()));

    CliRun.Result verify = CliRun.withPassword().run("receipt", "verify", "--in", receipt.toString(), "--store",
        store.toString());

    assertThat(verify.exitCode()).isEqualTo(1);
    assertThat(list().out()).contains("no receipt yet");
  }

  @Test
  void aReceiptForARequestNeverKeptNeedsTheOriginal() throws IOException {
    Path sent = dir.resolve("elsewhere.eml");
    CliRun.withPassword().run("sign", "--id", alice.p12().toString(), "--receipt-request", "--store",
        dir.resolve("other-store").toString(), "--in", draft.toString(), "--out", sent.toString());
    Path receipt = bobAnswers(sent);

    CliRun.Result verify = CliRun.withPassword().run("receipt", "verify", "--in", receipt.toString(), "--trust",
        bob.certificatePem().toString(), "--store", store.toString());

    assertThat(verify.exitCode()).isEqualTo(2);
    assertThat(verify.stderr()).contains("was kept in " + store + ": give --original");
  }
}
