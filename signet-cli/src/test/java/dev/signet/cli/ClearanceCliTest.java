package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** read --clearance under the example organisational policy: labelled content above it is withheld. */
class ClearanceCliTest {
  private static final String EXAMPLE = "2.25.222700090146879539320685459118652389175";
  @TempDir Path dir;
  Fixtures.Person alice;
  Path signed;
  Path content;

  @BeforeEach
  void aliceSendsSecretFinanceContent() throws IOException {
    alice = Fixtures.person(dir, "alice@example.org", "Alice");
    Path label = dir.resolve("label.der");
    CliRun.Result made = CliRun.withPassword().run("label", "make", "--policy", EXAMPLE, "--classification", "4",
        "--category", EXAMPLE + ".1=FINANCE", "--out", label.toString());
    assertThat(made.exitCode()).as(made.toString()).isZero();
    Path message = Files.write(dir.resolve("msg.eml"),
        Fixtures.message("alice@example.org", "bob@example.org", "Q3", "The figures.\r\n"));
    signed = dir.resolve("signed.eml");
    content = dir.resolve("content.eml");
    CliRun.Result r = CliRun.withPassword().run("sign", "--id", alice.p12().toString(), "--label", label.toString(),
        "--in", message.toString(), "--out", signed.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  private CliRun.Result read(String... extra) {
    String[] base = {"read", "--trust", alice.certificatePem().toString(), "--no-harvest", "--in", signed.toString(),
        "--out", content.toString()};
    String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
        .toArray(String[]::new);
    return CliRun.withPassword().run(all);
  }

  @Test
  void contentAboveTheReadersClearanceIsWithheldWithTheReason() {
    CliRun.Result r = read("--clearance", "CONFIDENTIAL+FINANCE");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("signet: content withheld: the content is labelled SECRET FINANCE,"
        + " above the clearance CONFIDENTIAL+FINANCE");
    assertThat(content).doesNotExist();
  }

  @Test
  void aClearanceWithoutTheCompartmentIsRefused() {
    CliRun.Result r = read("--clearance", "SECRET");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(content).doesNotExist();
  }

  @Test
  void aSufficientClearanceSeesTheContent() throws IOException {
    CliRun.Result r = read("--clearance", "SECRET+FINANCE");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(Files.readString(content)).contains("The figures.");
  }

  @Test
  void labelShowSaysWhatTheLabelMeansUnderItsPolicy() {
    CliRun.Result r = CliRun.withPassword().run("label", "show", "--label", dir.resolve("label.der").toString());

    assertThat(r.out()).contains("policy: " + EXAMPLE + " (Example Corp information classification)")
        .contains("marking: SECRET FINANCE").doesNotContain("flagged");
  }

  @Test
  void theReportShowsTheLabelInThePolicysWords() throws IOException {
    CliRun.Result r = CliRun.withPassword().run("read", "--trust", alice.certificatePem().toString(), "--no-harvest",
        "--json", "--in", signed.toString());

    var label = new ObjectMapper().readTree(r.out()).get("securityLabel");
    assertThat(label.get("display").asText()).isEqualTo("SECRET FINANCE");
    assertThat(label.get("policyName").asText()).isEqualTo("Example Corp information classification");
    assertThat(label.get("flag").isNull()).isTrue();
    assertThat(r.stderr()).contains("security label: SECRET FINANCE");
  }
}
