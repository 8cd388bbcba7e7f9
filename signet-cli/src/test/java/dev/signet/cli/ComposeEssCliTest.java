package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compose under RequestSecureReceipt, ForceSecurityLabel and ForceSecurityLabelX, one test per value,
 * each message checked with OpenSSL; and the encryption-key preference every composed signature carries.
 */
class ComposeEssCliTest {
  /** ESSSecurityLabel { policy 1.2.3.4, classification 4 (secret), PrintableString "ORG WIDE" }. */
  private static final String ORG_LABEL = "3112" + "020104" + "06032a0304" + "13084f52472057494445";
  @TempDir Path dir;
  Fixtures.Person alice;
  Fixtures.Person bob;
  Path message;
  Path out;

  @BeforeAll
  static void requireOpenSsl() {
    ExternalTool.OPENSSL.require();
  }

  @BeforeEach
  void people() throws IOException {
    alice = Fixtures.person(dir, "alice@example.org", "Alice");
    bob = Fixtures.person(dir, "bob@example.org", "Bob");
    message = Files.write(dir.resolve("msg.eml"), Fixtures.message("alice@example.org", "bob@example.org", "Hi", "Noon?\r\n"));
    out = dir.resolve("out.eml");
  }

  private CliRun.Result compose(String policy, String... extra) throws IOException {
    List<String> args = new ArrayList<>(List.of("compose", "--from", alice.p12().toString(), "--rcpt",
        bob.certificatePem().toString(), "--in", message.toString(), "--out", out.toString(), "--policy",
        Files.writeString(dir.resolve("policy.txt"), policy).toString()));
    args.addAll(List.of(extra));
    return CliRun.withPassword().run(args.toArray(String[]::new));
  }

  private Path label(String... args) {
    Path label = dir.resolve("label.der");
    List<String> all = new ArrayList<>(List.of("label", "make", "--out", label.toString()));
    all.addAll(List.of(args));
    assertThat(CliRun.withPassword().run(all.toArray(String[]::new)).exitCode()).isZero();
    return label;
  }

  /** OpenSSL verifies the composed message and prints its receipt request, if any. */
  private String opensslVerifies() {
    ProcessRunner.Result r = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("openssl", "cms", "-verify", "-in",
        out.toString(), "-CAfile", alice.certificatePem().toString(), "-receipt_request_print", "-out", "/dev/null"));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r.stdoutText() + r.stderr();
  }

  private String opensslPrints() {
    ProcessRunner.Result r = ProcessRunner.run(dir, Map.of(), new byte[0],
        List.of("openssl", "cms", "-cmsout", "-print", "-in", out.toString()));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r.stdoutText();
  }

  @Test
  void requestSecureReceipt1AsksForAReceiptOnEverySignedMessage() throws IOException {
    CliRun.Result r = compose("RequestSecureReceipt=1\n", "--sign");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stderr()).contains("receipt request: yes, receipts to alice@example.org (RequestSecureReceipt: set to 1");
    assertThat(opensslVerifies()).contains("Receipts To:").contains("email:alice@example.org");
  }

  /** Issue 16, defect 6: the receipt request travels in a signature, so an encrypted-only message is signed too. */
  @Test
  void requestSecureReceipt1SignsAnEncryptedOnlyMessageToCarryTheRequest() throws IOException {
    CliRun.Result r = compose("RequestSecureReceipt=1\n", "--encrypt");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stderr()).contains("sign: yes (RequestSecureReceipt: set to 1, every outgoing message carries a receipt"
        + " request, which travels only in a signature)");
    Path key = dir.resolve("bob.key");
    run(List.of("openssl", "pkcs12", "-in", bob.p12().toString(), "-nocerts", "-nodes", "-passin",
        "pass:" + CliRun.PASSWORD, "-out", key.toString()));
    Path signed = dir.resolve("signed.eml");
    run(List.of("openssl", "cms", "-decrypt", "-in", out.toString(), "-recip", bob.certificatePem().toString(),
        "-inkey", key.toString(), "-out", signed.toString()));
    ProcessRunner.Result verified = run(List.of("openssl", "cms", "-verify", "-in", signed.toString(), "-CAfile",
        alice.certificatePem().toString(), "-receipt_request_print", "-out", "/dev/null"));
    assertThat(verified.stdoutText() + verified.stderr()).contains("Receipts To:").contains("email:alice@example.org");
  }

  // Issue 16, defect 7: labels the security policy module rejects are refused before sending.

  private static final String EXAMPLE_POLICY = "2.25.222700090146879539320685459118652389175";

  @Test
  void aLabelTheExamplePolicyRejectsIsRefusedNamingItsReasonAndNothingIsWritten() throws IOException {
    CliRun.Result r = compose("", "--sign", "--label", label("--policy", EXAMPLE_POLICY, "--classification", "3",
        "--category", EXAMPLE_POLICY + ".1=MARKETING").toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderrLines()).hasSize(1);
    assertThat(r.stderrLines().get(0)).startsWith("signet: error: security label: the label CONFIDENTIAL; "
        + EXAMPLE_POLICY + ".1=MARKETING is not valid under Example Corp information classification: unknown"
        + " compartment");
    assertThat(out).doesNotExist();
  }

  @Test
  void aForcedLabelTheExamplePolicyRejectsIsRefusedNamingItsReason() throws IOException {
    String bad = HexFormat.of().formatHex(Files.readAllBytes(label("--policy", EXAMPLE_POLICY, "--classification", "9")));

    CliRun.Result r = compose("ForceSecurityLabelX=" + bad + "\n", "--sign");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderrLines()).containsExactly("signet: error: ForceSecurityLabelX: the organisation's label"
        + " CLASSIFICATION 9 is not valid under Example Corp information classification: classification 9 is not one"
        + " of PUBLIC (1), INTERNAL (2), CONFIDENTIAL (3), SECRET (4)");
    assertThat(out).doesNotExist();
  }

  @Test
  void aLabelTheExamplePolicyAllowsTravelsAndTheDecisionNamesThePolicy() throws IOException {
    CliRun.Result r = compose("", "--sign", "--label", label("--policy", EXAMPLE_POLICY, "--classification", "3",
        "--category", EXAMPLE_POLICY + ".1=FINANCE").toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stderr()).contains("security label: CONFIDENTIAL FINANCE (the person's choice; valid under Example Corp"
        + " information classification)");
    opensslVerifies();
  }

  @Test
  void requestSecureReceipt0LeavesItToThePerson() throws IOException {
    CliRun.Result r = compose("RequestSecureReceipt=0\n", "--sign");

    assertThat(r.stderr()).contains("receipt request: no (RequestSecureReceipt: the person's choice)");
    assertThat(opensslVerifies()).doesNotContain("Receipts To:");
  }

  @Test
  void aReceiptRequestOfThePersonImpliesSigning() throws IOException {
    CliRun.Result r = compose("RequestSecureReceipt=0\n", "--receipt-request", "--receipts-to", "archive@example.org");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stderr()).contains("sign: yes (a receipt request or a security label travels only in a signature)");
    assertThat(opensslVerifies()).contains("email:archive@example.org");
  }

  @Test
  void forceSecurityLabel1RefusesAnUnlabelledMessageAndWritesNothing() throws IOException {
    CliRun.Result r = compose("ForceSecurityLabel=1\n", "--sign");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderrLines()).contains("signet: error: ForceSecurityLabel: a message cannot be sent without a security"
        + " label (--label, or a profile's default label)");
    assertThat(out).doesNotExist();
  }

  @Test
  void forceSecurityLabel1SendsALabelledMessage() throws IOException {
    CliRun.Result r = compose("ForceSecurityLabel=1\n", "--sign", "--label",
        label("--policy", "1.2.3.4", "--classification", "2", "--privacy-mark", "TEAM").toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    opensslVerifies();
    assertThat(opensslPrints()).contains("id-smime-aa-securityLabel").contains("TEAM");
  }

  @Test
  void forceSecurityLabel0SendsAnUnlabelledMessage() throws IOException {
    CliRun.Result r = compose("ForceSecurityLabel=0\n", "--sign");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(opensslPrints()).doesNotContain("id-smime-aa-securityLabel");
  }

  @Test
  void forceSecurityLabelXPutsTheOrganisationsLabelOnEveryMessageInsteadOfThePersons() throws IOException {
    CliRun.Result r = compose("ForceSecurityLabelX=" + ORG_LABEL + "\n", "--sign", "--label",
        label("--policy", "1.2.3.4", "--privacy-mark", "MINE").toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stderr()).contains("security label: SECRET; ORG WIDE (ForceSecurityLabelX: set");
    opensslVerifies();
    assertThat(opensslPrints()).contains("ORG WIDE").doesNotContain("MINE");
  }

  @Test
  void forceSecurityLabelXSignsAMessageThePersonDidNotAskToSign() throws IOException {
    CliRun.Result r = compose("ForceSecurityLabelX=" + ORG_LABEL + "\n");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    opensslVerifies();
  }

  @Test
  void aMalformedForceSecurityLabelXIsAnErrorAtLoad() throws IOException {
    CliRun.Result r = compose("ForceSecurityLabelX=0401ff\n", "--sign");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("ForceSecurityLabelX: not a DER-encoded ESS SecurityLabel");
    assertThat(out).doesNotExist();
  }

  @Test
  void everyComposedSignatureNamesTheCertificateToEncryptTo() throws IOException {
    compose("", "--sign");

    String printed = opensslPrints();

    assertThat(printed).contains("id-smime-aa-encrypKeyPref")
        .contains(alice.id().certificate().getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT));
  }

  @Test
  void aTripleWrappedMessageIsSignedEncryptedAndSignedAndReadAsThreeLayers() throws IOException {
    CliRun.Result r = compose("", "--triple-wrap", "--encrypt", "--receipt-request", "--label",
        label("--policy", "1.2.3.4", "--classification", "3").toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();

    CliRun.Result read = CliRun.withPassword().run("read", "--id", bob.p12().toString(), "--trust",
        alice.certificatePem().toString(), "--no-harvest", "--json", "--in", out.toString());

    assertThat(read.exitCode()).as(read.toString()).isZero();
    var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(read.out());
    assertThat(report.get("layers").findValuesAsText("kind")).containsExactly("signed", "encrypted", "signed");
    assertThat(report.get("signers")).hasSize(2);
    assertThat(report.get("securityLabel").get("classification").asInt()).isEqualTo(3);
    assertThat(report.get("receiptRequest").get("receiptsTo").get(0).asText()).isEqualTo("alice@example.org");
  }

  @Test
  void opensslUnwrapsATripleWrappedMessageLayerByLayer() throws IOException {
    compose("", "--triple-wrap", "--encrypt", "--label", label("--policy", "1.2.3.4", "--privacy-mark", "OUTER").toString());
    Path key = dir.resolve("bob.key");
    run(List.of("openssl", "pkcs12", "-in", bob.p12().toString(), "-nocerts", "-nodes", "-passin",
        "pass:" + CliRun.PASSWORD, "-out", key.toString()));
    Path enveloped = dir.resolve("enveloped.eml");
    Path inner = dir.resolve("inner.eml");

    assertThat(opensslPrints()).contains("OUTER");
    run(List.of("openssl", "cms", "-verify", "-in", out.toString(), "-CAfile", alice.certificatePem().toString(),
        "-out", enveloped.toString()));
    run(List.of("openssl", "cms", "-decrypt", "-in", enveloped.toString(), "-recip", bob.certificatePem().toString(),
        "-inkey", key.toString(), "-out", inner.toString()));
    ProcessRunner.Result last = run(List.of("openssl", "cms", "-verify", "-in", inner.toString(), "-CAfile",
        alice.certificatePem().toString()));

    assertThat(last.stdoutText()).contains("Noon?");
  }

  @Test
  void tripleWrappingWithoutEncryptionIsAUsageError() throws IOException {
    CliRun.Result r = compose("", "--triple-wrap");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderrLines()).contains("signet: error: --triple-wrap signs, encrypts and signs again: give --encrypt");
    assertThat(out).doesNotExist();
  }

  private ProcessRunner.Result run(List<String> command) {
    ProcessRunner.Result r = ProcessRunner.run(dir, Map.of(), new byte[0], command);
    assertThat(r.exitCode()).as("%s:%n%s", command, r.stderr()).isZero();
    return r;
  }

  @Test
  void theLabelOfTheOrganisationIsTheOneOfTheTestVector() {
    assertThat(dev.signet.core.SecurityLabel.fromDer(HexFormat.of().parseHex(ORG_LABEL)).display())
        .isEqualTo("SECRET; ORG WIDE");
  }
}
