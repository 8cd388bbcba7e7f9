package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** --policy on verify and read: the read-side settings of POLICY.md, as a person meets them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadSidePolicyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final CliRun signet = CliRun.withPassword();
  private Path dir;
  private Fixtures.Person alice;
  private Fixtures.Person bob;
  private Path signed;
  private Path tampered;

  @BeforeAll
  void aliceSignsAMessage(@TempDir Path tmp) throws IOException {
    dir = tmp;
    alice = Fixtures.person(dir, "alice@example.org", "Alice");
    bob = Fixtures.person(dir, "bob@example.org", "Bob");
    Path plain = Files.write(dir.resolve("plain.eml"),
        Fixtures.message("alice@example.org", "bob@example.org", "Figures", "pay 10 euros\r\n"));
    signed = Fixtures.signed(alice, plain, dir.resolve("signed.eml"));
    tampered = Files.writeString(dir.resolve("tampered.eml"),
        Files.readString(signed, StandardCharsets.ISO_8859_1).replace("pay 10", "pay 90"), StandardCharsets.ISO_8859_1);
  }

  private Path policy(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void sigStatusNoTrustDecisionTwoMakesAnUntrustedSignatureAnErrorNamingTheSetting() throws IOException {
    Path p = policy("strict.txt", "SigStatusNoTrustDecision=2\n");
    CliRun.Result r = signet.run("verify", "--policy", p.toString(), "--json", "--in", signed.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode problem = JSON.readTree(r.stdout()).get("problems").get(0);
    assertThat(problem.get("code").asText()).isEqualTo("UNTRUSTED_ROOT");
    assertThat(problem.get("severity").asText()).isEqualTo("error");
    assertThat(problem.get("setting").asText()).isEqualTo("SigStatusNoTrustDecision");
  }

  @Test
  void sigStatusNoTrustDecisionZeroAllowsAnUntrustedSignerButTheSummarySaysUntrusted() throws IOException {
    Path p = policy("lenient.txt", "SigStatusNoTrustDecision=0\n");
    CliRun.Result r = signet.run("verify", "--policy", p.toString(), "--in", signed.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    String verdict = r.stderrLines().get(0);
    assertThat(verdict).startsWith("verdict: valid (good signature, untrusted")
        .contains("allowed by SigStatusNoTrustDecision").doesNotContain("trusted)");

    CliRun.Result trusted = signet.run("verify", "--policy", p.toString(), "--trust", alice.certificatePem().toString(),
        "--in", signed.toString());
    assertThat(trusted.stderrLines().get(0)).isEqualTo("verdict: valid (good signature, trusted)");
  }

  @Test
  void anAlteredMessageIsWithheldByDefault() throws IOException {
    Path out = dir.resolve("withheld.eml");
    CliRun.Result r = signet.run("read", "--trust", alice.certificatePem().toString(), "--in", tampered.toString(),
        "--out", out.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(out).doesNotExist();
    assertThat(r.stderr()).contains("content withheld");
  }

  @Test
  void showAnywayWritesTheContentOfAnAlteredMessageAndStillExitsWithTheError() throws IOException {
    Path out = dir.resolve("shown.eml");
    CliRun.Result r = signet.run("read", "--trust", alice.certificatePem().toString(), "--show-anyway", "--in",
        tampered.toString(), "--out", out.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(Files.readString(out)).contains("pay 90");
  }

  @Test
  void warnAboutInvalidTwoReleasesTheContentAndTheReportSaysWhichSettingDid() throws IOException {
    Path p = policy("quiet.reg", "REGEDIT4\n\n[HKEY_CURRENT_USER\\Software\\Policies\\Microsoft\\Office\\16.0\\Outlook"
        + "\\Security]\n\"WarnAboutInvalid\"=dword:00000002\n");
    Path out = dir.resolve("released.eml");
    CliRun.Result r = signet.run("read", "--trust", alice.certificatePem().toString(), "--policy", p.toString(),
        "--json", "--in", tampered.toString(), "--out", out.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(out).exists();
    JsonNode content = JSON.readTree(r.stdout()).get("content");
    assertThat(content.get("released").asBoolean()).isTrue();
    assertThat(content.get("setting").asText()).isEqualTo("WarnAboutInvalid");
  }

  @Test
  void withoutAKeyThePersonIsToldTheOrganisationsNeedEncryptionString() throws IOException {
    Path encrypted = dir.resolve("for-bob.eml");
    assertThat(signet.run("encrypt", "--to", bob.certificatePem().toString(), "--in", signed.toString(), "--out",
        encrypted.toString()).exitCode()).isZero();
    Path p = policy("help.txt", "NeedEncryptionString=Get a digital ID at https://id.example.org\n");
    CliRun.Result r = signet.run("read", "--id", alice.p12().toString(), "--policy", p.toString(), "--in",
        encrypted.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("Get a digital ID at https://id.example.org");
  }

  @Test
  void aPolicyFileWithAnUnknownSettingIsRefusedNamingTheLine() throws IOException {
    Path p = policy("typo.txt", "# ours\nSigStatusNoTrustDecison=2\n");
    CliRun.Result r = signet.run("verify", "--policy", p.toString(), "--in", signed.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("line 2").contains("SigStatusNoTrustDecison").doesNotContain("Exception");
  }
}
