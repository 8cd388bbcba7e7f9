package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answering receipt requests with read --receipt-out under each RespondToReceiptRequest value, and
 * receipt verify, as people run them; OpenSSL checks the receipts.
 */
class ReceiptCliTest {
  @TempDir Path dir;
  Fixtures.Person alice;
  Fixtures.Person bob;
  Path sent;
  Path receipt;

  @BeforeEach
  void aliceAsksBobForAReceipt() throws IOException {
    alice = Fixtures.person(dir, "alice@example.org", "Alice");
    bob = Fixtures.person(dir, "bob@example.org", "Bob");
    Path draft = Files.write(dir.resolve("draft.eml"),
        Fixtures.message("alice@example.org", "bob@example.org", "Minutes", "Please confirm.\r\n"));
    sent = dir.resolve("sent.eml");
    receipt = dir.resolve("receipt.eml");
    CliRun.Result r = CliRun.withPassword().run("sign", "--id", alice.p12().toString(), "--receipt-request",
        "--in", draft.toString(), "--out", sent.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  private Path policy(String text) throws IOException {
    return Files.writeString(dir.resolve("policy.txt"), text);
  }

  private CliRun.Result bobReads(Path message, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("read", "--id", bob.p12().toString(), "--trust",
        alice.certificatePem().toString(), "--no-harvest", "--in", message.toString(), "--out",
        dir.resolve("content.eml").toString(), "--receipt-out", receipt.toString()));
    args.addAll(List.of(extra));
    return CliRun.withPassword().run(args.toArray(String[]::new));
  }

  private CliRun.Result aliceVerifies(Path original, Path receiptFile) {
    return CliRun.withPassword().run("receipt", "verify", "--original", original.toString(), "--in",
        receiptFile.toString(), "--trust", bob.certificatePem().toString());
  }

  @Test
  void respondToReceiptRequest0SendsAReceiptThatAliceValidates() throws IOException {
    CliRun.Result read = bobReads(sent, "--policy", policy("RespondToReceiptRequest=0\n").toString());
    assertThat(read.exitCode()).as(read.toString()).isZero();
    assertThat(read.stderr()).contains("receipt: sent to alice@example.org (RespondToReceiptRequest: set to 0");

    CliRun.Result verify = aliceVerifies(sent, receipt);

    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.stderr()).contains("receipt: valid").contains("signed by bob@example.org: signature valid");
  }

  @Test
  void withoutAPolicyAReceiptIsSentAsUnder0() {
    CliRun.Result read = bobReads(sent);

    assertThat(read.stderr()).contains("receipt: sent to alice@example.org (RespondToReceiptRequest: absent");
    assertThat(receipt).exists();
  }

  @Test
  void respondToReceiptRequest1SendsAfterAskingForThePasswordAgain() throws IOException {
    CliRun.Result read = bobReads(sent, "--policy", policy("RespondToReceiptRequest=1\n").toString());

    assertThat(read.stderr()).contains("(RespondToReceiptRequest: set to 1, sent after asking for the key's password)");
    assertThat(aliceVerifies(sent, receipt).exitCode()).isZero();
  }

  @Test
  void respondToReceiptRequest2NeverSends() throws IOException {
    CliRun.Result read = bobReads(sent, "--policy", policy("RespondToReceiptRequest=2\n").toString());

    assertThat(read.exitCode()).as(read.toString()).isZero();
    assertThat(read.stderr()).contains("receipt: not sent (RespondToReceiptRequest: set to 2, receipts are never sent)");
    assertThat(receipt).doesNotExist();
  }

  @Test
  void respondToReceiptRequest3WithoutReceiptOutSaysAReceiptIsDue() throws IOException {
    CliRun.Result read = CliRun.withPassword().run("read", "--id", bob.p12().toString(), "--trust",
        alice.certificatePem().toString(), "--no-harvest", "--in", sent.toString(), "--out",
        dir.resolve("content.eml").toString(), "--policy", policy("RespondToReceiptRequest=3\n").toString());

    assertThat(read.exitCode()).as(read.toString()).isZero();
    assertThat(read.stderr()).contains("a signed receipt is due (RespondToReceiptRequest=3): give --receipt-out FILE");
  }

  @Test
  void respondToReceiptRequest3SendsEvenWhenThePersonDeclines() throws IOException {
    CliRun.Result read = bobReads(sent, "--no-receipt", "--policy", policy("RespondToReceiptRequest=3\n").toString());

    assertThat(read.stderr()).contains("set to 3, receipts are forced; --no-receipt is overridden");
    assertThat(aliceVerifies(sent, receipt).exitCode()).isZero();
  }

  @Test
  void thePersonMayDeclineUnderEveryOtherValue() throws IOException {
    CliRun.Result read = bobReads(sent, "--no-receipt", "--policy", policy("RespondToReceiptRequest=0\n").toString());

    assertThat(read.stderr()).contains("receipt: declined (the person declined (--no-receipt))");
    assertThat(receipt).doesNotExist();
  }

  @Test
  void noReceiptIsSentForASignatureThatDidNotVerify() throws IOException {
    String text = Files.readString(sent);
    Path altered = Files.writeString(dir.resolve("altered.eml"), text.replace("Please confirm.", "Please c0nfirm."));

    CliRun.Result read = bobReads(altered, "--show-anyway");

    assertThat(read.stderr()).contains("receipt: refused (the signature that asks for it did not verify)");
    assertThat(receipt).doesNotExist();
  }

  @Test
  void noReceiptIsSentBySomeoneNotAmongReceiptsFrom() throws IOException {
    Path draft = Files.write(dir.resolve("draft2.eml"),
        Fixtures.message("alice@example.org", "bob@example.org", "Minutes", "Carol only.\r\n"));
    Path carolOnly = dir.resolve("carol-only.eml");
    CliRun.withPassword().run("sign", "--id", alice.p12().toString(), "--receipt-request", "--receipts-from",
        "carol@example.org", "--in", draft.toString(), "--out", carolOnly.toString());

    CliRun.Result read = bobReads(carolOnly);

    assertThat(read.stderr()).contains("receipt: refused (none of [bob@example.org] is among receiptsFrom)");
    assertThat(receipt).doesNotExist();
  }

  @Test
  void noReceiptIsSentForContentTheReaderWasNotClearedToSee() throws IOException {
    String policy = "2.25.222700090146879539320685459118652389175";
    Path label = dir.resolve("secret.der");
    CliRun.withPassword().run("label", "make", "--policy", policy, "--classification", "4", "--out", label.toString());
    Path draft = Files.write(dir.resolve("draft-secret.eml"),
        Fixtures.message("alice@example.org", "bob@example.org", "Secret", "Eyes only.\r\n"));
    Path secret = dir.resolve("secret.eml");
    CliRun.withPassword().run("sign", "--id", alice.p12().toString(), "--receipt-request", "--label", label.toString(),
        "--in", draft.toString(), "--out", secret.toString());

    CliRun.Result read = bobReads(secret, "--clearance", "PUBLIC");

    assertThat(read.exitCode()).isEqualTo(2);
    assertThat(read.stderr()).contains("signet: receipt: not sent after all: the content was not shown");
    assertThat(receipt).doesNotExist();
  }

  @Test
  void aReceiptIsNeverAnsweredWithAReceipt() throws IOException {
    bobReads(sent);
    Path second = dir.resolve("second.eml");

    CliRun.Result read = CliRun.withPassword().run("read", "--id", alice.p12().toString(), "--trust",
        bob.certificatePem().toString(), "--no-harvest", "--in", receipt.toString(), "--out",
        dir.resolve("x.eml").toString(), "--receipt-out", second.toString(), "--show-anyway");

    assertThat(read.stderr()).contains("receipt: not requested");
    assertThat(second).doesNotExist();
  }

  @Test
  void aReceiptCheckedAgainstAnotherMessageIsNotValid() throws IOException {
    bobReads(sent);
    Path draft = Files.write(dir.resolve("draft3.eml"),
        Fixtures.message("alice@example.org", "bob@example.org", "Other", "Another.\r\n"));
    Path other = dir.resolve("other.eml");
    CliRun.withPassword().run("sign", "--id", alice.p12().toString(), "--receipt-request", "--in", draft.toString(),
        "--out", other.toString());

    CliRun.Result verify = aliceVerifies(other, receipt);

    assertThat(verify.exitCode()).isEqualTo(1);
    assertThat(verify.stderr()).contains("receipt: NOT valid").contains("RECEIPT_MISMATCH");
  }

  @Test
  void anOriginalWithoutARequestIsAUsageError() throws IOException {
    bobReads(sent);
    Path plain = Files.write(dir.resolve("plain.eml"),
        Fixtures.message("alice@example.org", "bob@example.org", "x", "y\r\n"));

    CliRun.Result verify = aliceVerifies(plain, receipt);

    assertThat(verify.exitCode()).isEqualTo(2);
    assertThat(verify.stderrLines()).containsExactly("signet: error: " + plain + " asks for no signed receipt");
  }

  @Test
  void opensslVerifiesTheReceiptBobsReadWrote() {
    ExternalTool.OPENSSL.require();
    bobReads(sent);

    ProcessRunner.Result r = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("openssl", "cms",
        "-verify_receipt", receipt.toString(), "-in", sent.toString(), "-CAfile", bob.certificatePem().toString()));

    assertThat(r.exitCode()).as(r.stderr()).isZero();
  }

  @Test
  void signetAnswersAnOpenSslRequestAndOpenSslAcceptsTheReceipt() throws IOException {
    ExternalTool.OPENSSL.require();
    Path key = dir.resolve("alice.key");
    ProcessRunner.Result export = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("openssl", "pkcs12", "-in",
        alice.p12().toString(), "-nocerts", "-nodes", "-passin", "pass:" + CliRun.PASSWORD, "-out", key.toString()));
    assertThat(export.exitCode()).as(export.stderr()).isZero();
    Path entity = Files.writeString(dir.resolve("entity.txt"), "Content-Type: text/plain\r\n\r\nBy OpenSSL.\r\n");
    Path requested = dir.resolve("openssl-request.eml");
    ProcessRunner.Result sign = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("openssl", "cms", "-sign",
        "-in", entity.toString(), "-signer", alice.certificatePem().toString(), "-inkey", key.toString(),
        "-receipt_request_to", "alice@example.org", "-receipt_request_all", "-out", requested.toString()));
    assertThat(sign.exitCode()).as(sign.stderr()).isZero();

    CliRun.Result read = bobReads(requested);
    ProcessRunner.Result r = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("openssl", "cms",
        "-verify_receipt", receipt.toString(), "-in", requested.toString(), "-CAfile", bob.certificatePem().toString()));

    assertThat(read.stderr()).contains("receipt: sent to alice@example.org");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
  }
}
