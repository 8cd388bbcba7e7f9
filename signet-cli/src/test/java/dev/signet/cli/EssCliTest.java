package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.core.SecurityLabel;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** signet label make, and sign --receipt-request / --label, as a person runs them; the report shows both. */
class EssCliTest {
  @TempDir Path dir;
  Fixtures.Person alice;
  Path message;

  @BeforeEach
  void people() throws IOException {
    alice = Fixtures.person(dir, "alice@example.org", "Alice");
    message = Files.write(dir.resolve("msg.eml"),
        Fixtures.message("alice@example.org", "bob@example.org", "Plans", "Under wraps.\r\n"));
  }

  private Path makeLabel() {
    Path label = dir.resolve("label.der");
    CliRun.Result r = CliRun.withPassword().run("label", "make", "--policy", "1.3.6.1.4.1.99999.1",
        "--classification", "3", "--privacy-mark", "STAFF ONLY", "--category", "1.3.6.1.4.1.99999.2=PROJECT-X",
        "--out", label.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return label;
  }

  private JsonNode readJson(Path signed) throws IOException {
    CliRun.Result r = CliRun.withPassword().run("read", "--trust", alice.certificatePem().toString(), "--json",
        "--in", signed.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void labelMakeWritesTheDerOfAnEssSecurityLabel() throws IOException {
    Path label = makeLabel();

    SecurityLabel read = SecurityLabel.fromDer(Files.readAllBytes(label));

    assertThat(read.policy()).isEqualTo("1.3.6.1.4.1.99999.1");
    assertThat(read.display()).isEqualTo("CONFIDENTIAL; STAFF ONLY; 1.3.6.1.4.1.99999.2=PROJECT-X");
  }

  @Test
  void labelMakeRefusesAClassificationAboveTheRfcBoundAndWritesNothing() {
    Path label = dir.resolve("bad.der");

    CliRun.Result r = CliRun.withPassword().run("label", "make", "--policy", "1.2.3", "--classification", "257",
        "--out", label.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderrLines()).containsExactly("signet: error: classification 257 is not in 0..256");
    assertThat(label).doesNotExist();
  }

  @Test
  void labelMakeRefusesAPolicyThatIsNotAnOid() {
    CliRun.Result r = CliRun.withPassword().run("label", "make", "--policy", "secret", "--out",
        dir.resolve("x.der").toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).startsWith("signet: error: policy is not an OID: secret");
  }

  @Test
  void theReportOfASignedMessageShowsItsLabelWithTheDisplayMarking() throws IOException {
    Path signed = dir.resolve("signed.eml");
    CliRun.Result r = CliRun.withPassword().run("sign", "--id", alice.p12().toString(), "--label",
        makeLabel().toString(), "--in", message.toString(), "--out", signed.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();

    JsonNode label = readJson(signed).get("securityLabel");

    assertThat(label.get("policy").asText()).isEqualTo("1.3.6.1.4.1.99999.1");
    assertThat(label.get("classification").asInt()).isEqualTo(3);
    assertThat(label.get("privacyMark").asText()).isEqualTo("STAFF ONLY");
    assertThat(label.get("display").asText()).isEqualTo("CONFIDENTIAL; STAFF ONLY; 1.3.6.1.4.1.99999.2=PROJECT-X"
        + " [unknown policy 1.3.6.1.4.1.99999.1]");
    assertThat(label.get("flag").asText()).startsWith("no security policy module for 1.3.6.1.4.1.99999.1");
  }

  @Test
  void theReportOfASignedMessageShowsItsReceiptRequest() throws IOException {
    Path signed = dir.resolve("signed.eml");
    CliRun.Result r = CliRun.withPassword().run("sign", "--id", alice.p12().toString(), "--opaque",
        "--receipt-request", "--receipts-from", "bob@example.org", "--receipts-to", "receipts@example.org",
        "--in", message.toString(), "--out", signed.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();

    JsonNode request = readJson(signed).get("receiptRequest");

    assertThat(HexFormat.of().parseHex(request.get("contentIdentifier").asText())).hasSize(24);
    assertThat(request.get("receiptsFrom").get(0).asText()).isEqualTo("bob@example.org");
    assertThat(request.get("receiptsTo").get(0).asText()).isEqualTo("receipts@example.org");
  }

  @Test
  void receiptsGoToTheSignerUnlessToldOtherwise() throws IOException {
    Path signed = dir.resolve("signed.eml");
    CliRun.withPassword().run("sign", "--id", alice.p12().toString(), "--receipt-request", "--in", message.toString(),
        "--out", signed.toString());

    JsonNode request = readJson(signed).get("receiptRequest");

    assertThat(request.get("receiptsFrom").asText()).isEqualTo("all");
    assertThat(request.get("receiptsTo").get(0).asText()).isEqualTo("alice@example.org");
  }

  @Test
  void eachRequestHasItsOwnContentIdentifier() throws IOException {
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Path signed = dir.resolve("signed" + i + ".eml");
      CliRun.withPassword().run("sign", "--id", alice.p12().toString(), "--receipt-request", "--in",
          message.toString(), "--out", signed.toString());
      ids.add(readJson(signed).get("receiptRequest").get("contentIdentifier").asText());
    }

    assertThat(ids.get(0)).isNotEqualTo(ids.get(1));
  }

  @Test
  void receiptOptionsWithoutAReceiptRequestAreAUsageError() {
    Path signed = dir.resolve("signed.eml");

    CliRun.Result r = CliRun.withPassword().run("sign", "--id", alice.p12().toString(), "--receipts-to",
        "x@example.org", "--in", message.toString(), "--out", signed.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderrLines()).containsExactly("signet: error: --receipts-from and --receipts-to go with --receipt-request");
    assertThat(signed).doesNotExist();
  }

  @Test
  void aLabelFileThatIsNotALabelIsAnErrorNamingTheFile() throws IOException {
    Path notLabel = Files.write(dir.resolve("not.der"), new byte[] {0x04, 0x01, 0x00});
    Path signed = dir.resolve("signed.eml");

    CliRun.Result r = CliRun.withPassword().run("sign", "--id", alice.p12().toString(), "--label",
        notLabel.toString(), "--in", message.toString(), "--out", signed.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).startsWith("signet: error: " + notLabel + ": not a DER-encoded ESS SecurityLabel");
    assertThat(signed).doesNotExist();
  }

  @Test
  void aSignatureNamesTheCertificateToEncryptTo() throws IOException {
    ExternalTool.OPENSSL.require();
    Path signed = dir.resolve("signed.eml");
    CliRun.withPassword().run("sign", "--id", alice.p12().toString(), "--in", message.toString(), "--out",
        signed.toString());

    ProcessRunner.Result r = ProcessRunner.run(dir, Map.of(), new byte[0],
        List.of("openssl", "cms", "-cmsout", "-print", "-in", signed.toString()));

    assertThat(r.stdoutText()).contains("id-smime-aa-encrypKeyPref")
        .contains(alice.id().certificate().getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT));
  }

  @Test
  void opensslVerifiesALabelledMessageWithAReceiptRequest() throws IOException {
    ExternalTool.OPENSSL.require();
    Path signed = dir.resolve("signed.eml");
    CliRun.withPassword().run("sign", "--id", alice.p12().toString(), "--receipt-request", "--label",
        makeLabel().toString(), "--in", message.toString(), "--out", signed.toString());

    ProcessRunner.Result r = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("openssl", "cms", "-verify",
        "-in", signed.toString(), "-CAfile", alice.certificatePem().toString(), "-receipt_request_print", "-out", "/dev/null"));

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdoutText() + r.stderr()).contains("Receipts To:").contains("email:alice@example.org");
  }
}
