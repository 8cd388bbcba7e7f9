package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** signet compose, policy show, policy explain and id get, run as a person would. */
class ComposeCliTest {
  @TempDir Path dir;
  Fixtures.Person alice;
  Fixtures.Person bob;
  Path message;

  @BeforeEach
  void people() throws IOException {
    alice = Fixtures.person(dir, "alice@example.org", "Alice");
    bob = Fixtures.person(dir, "bob@example.org", "Bob");
    message = dir.resolve("msg.eml");
    Files.write(message, Fixtures.message("alice@example.org", "Bob <bob@EXAMPLE.org>, carol@example.org", "Hi", "Noon?\r\n"));
  }

  Path policy(String text) throws IOException {
    return Files.writeString(dir.resolve("policy.txt"), text);
  }

  CliRun.Result compose(String... extra) {
    String[] base = {"compose", "--from", alice.p12().toString(), "--rcpt", bob.certificatePem().toString(),
        "--in", message.toString(), "--out", dir.resolve("out.eml").toString()};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return CliRun.withPassword().run(all);
  }

  @Test
  void disableContinueEncryption1RefusesNamingTheRecipient() throws IOException {
    CliRun.Result r = compose("--encrypt", "--continue-encryption", "--policy", policy("DisableContinueEncryption=1\n").toString());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.stderr()).contains("DisableContinueEncryption").contains("carol@example.org");
    assertThat(dir.resolve("out.eml")).doesNotExist();
  }

  @Test
  void continueEncryptionEncryptsToTheOthersAndSaysWhoCannotRead() throws IOException {
    CliRun.Result r = compose("--sign", "--encrypt", "--continue-encryption", "--policy",
        policy("DisableContinueEncryption=0\n").toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stderr()).contains("cannot read it: carol@example.org");
    for (Fixtures.Person reader : new Fixtures.Person[] {bob, alice}) {
      CliRun.Result read = CliRun.withPassword().run("read", "--id", reader.p12().toString(), "--trust",
          alice.certificatePem().toString(), "--in", dir.resolve("out.eml").toString());
      assertThat(read.exitCode()).as(read.toString()).isZero();
      assertThat(read.out()).contains("Noon?");
    }
  }

  @Test
  void jsonShowsEachDecisionWithItsSetting() throws IOException {
    CliRun.Result r = compose("--json", "--policy", policy("AlwaysSign=1\n").toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stderr()).contains("\"subject\":\"sign\"").contains("\"setting\":\"AlwaysSign\"");
  }

  @Test
  void explainSaysWhatWouldHappenWithoutDoingIt() throws IOException {
    CliRun.Result r = CliRun.withPassword().run("policy", "explain", "--policy", policy("AlwaysEncrypt=1\nMinEncKey=168\n").toString(),
        "--in", message.toString(), "--from", alice.p12().toString(), "--rcpt", bob.certificatePem().toString(),
        "--continue-encryption");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("encrypt: yes (AlwaysEncrypt").contains("cipher: AES-256-GCM (MinEncKey");
    assertThat(dir.resolve("out.eml")).doesNotExist();
  }

  @Test
  void showPrintsEverySettingWithItsSource() throws IOException {
    Path file = policy("FIPSMode=1\n");
    CliRun.Result r = CliRun.withPassword().run("policy", "show", "--policy", file.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("# in force: policy file " + file + "\n")
        .contains("FIPSMode=1  (set in policy file " + file + ")").contains("MinEncKey=128  (absent, default)");
    assertThat(r.out().lines()).hasSize(dev.signet.core.PolicySetting.values().length + 1);
  }

  @Test
  void idGetExpandsEnrollPageUrl() throws IOException {
    Path p = policy("EnrollPageURL=https://ca.example/get?name=%1&mail=%2&cp=%3\n");
    CliRun.Result r = CliRun.withPassword().run("id", "get", "--policy", p.toString(), "--name", "Ann Lee",
        "--email", "ann@example.org", "--lang", "en");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().trim()).isEqualTo("https://ca.example/get?name=Ann%20Lee&mail=ann%40example.org&cp=1252");
  }

  @Test
  void withoutAPolicyNothingIsForced() throws IOException {
    CliRun.Result r = compose();
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(Files.readString(dir.resolve("out.eml"), StandardCharsets.UTF_8)).contains("Noon?");
  }

  /** A message as a person writes it, leaving Date and Message-ID to the program that sends it. */
  private Path undated() throws IOException {
    return Files.writeString(dir.resolve("undated.eml"), "From: Alice <alice@example.org>\r\nTo: bob@example.org\r\n"
        + "Subject: Lunch\r\n\r\nNoon?\r\n");
  }

  private CliRun.Result composeUndated(String... choices) throws IOException {
    String[] base = {"compose", "--from", alice.p12().toString(), "--rcpt", bob.certificatePem().toString(),
        "--in", undated().toString(), "--out", dir.resolve("out.eml").toString()};
    String[] all = new String[base.length + choices.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(choices, 0, all, base.length, choices.length);
    CliRun.Result r = CliRun.withPassword().run(all);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }

  /** The header block of the message as sent: what the receiving server and the reader's list of mail see. */
  private String outerHeaders() throws IOException {
    String sent = Files.readString(dir.resolve("out.eml"), StandardCharsets.US_ASCII);
    return sent.substring(0, sent.indexOf("\r\n\r\n") + 2);
  }

  private static final Pattern DATE = Pattern.compile("\r\nDate: \\w{3}, \\d{1,2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}\r\n");
  private static final Pattern MESSAGE_ID = Pattern.compile("\r\nMessage-ID: <[0-9a-f]{32}@example\\.org>\r\n");

  private static void hasOneDateAndOneMessageId(String headers) {
    assertThat(headers).containsPattern(DATE).containsPattern(MESSAGE_ID);
    assertThat(headers.split("\r\nDate: ", -1)).as(headers).hasSize(2);
    assertThat(headers.split("\r\nMessage-ID: ", -1)).as(headers).hasSize(2);
  }

  private void opensslVerifies() {
    ExternalTool.OPENSSL.require();
    ProcessRunner.Result r = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("openssl", "cms", "-verify", "-in",
        dir.resolve("out.eml").toString(), "-CAfile", alice.certificatePem().toString(), "-out", "/dev/null"));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
  }

  @Test
  void aClearSignedMessageGetsADateAndAMessageIdOutsideTheSignatureAndStillVerifies() throws IOException {
    composeUndated("--sign");

    String headers = outerHeaders();
    hasOneDateAndOneMessageId(headers);
    assertThat(headers).contains("multipart/signed").startsWith("From: Alice <alice@example.org>\r\n");
    opensslVerifies();
  }

  @Test
  void anOpaqueSignedMessageCarriesThemInItsOuterHeaders() throws IOException {
    composeUndated("--sign", "--opaque", "--policy", policy("ClearSign=0\n").toString());

    assertThat(outerHeaders()).contains("smime-type=signed-data");
    hasOneDateAndOneMessageId(outerHeaders());
    opensslVerifies();
  }

  @Test
  void anEncryptedMessageCarriesThemOutsideWhereServersAndMailListsSeeThem() throws IOException {
    composeUndated("--sign", "--encrypt");

    assertThat(outerHeaders()).containsIgnoringCase("enveloped-data");
    hasOneDateAndOneMessageId(outerHeaders());
    CliRun.Result read = CliRun.withPassword().run("read", "--id", bob.p12().toString(), "--trust",
        alice.certificatePem().toString(), "--in", dir.resolve("out.eml").toString());
    assertThat(read.exitCode()).as(read.toString()).isZero();
    String shown = read.out().substring(0, read.out().indexOf("\r\n\r\n") + 2);
    hasOneDateAndOneMessageId(shown);
    assertThat(shown).contains(outerHeaders().lines().filter(l -> l.startsWith("Message-ID: ")).findFirst().orElseThrow());
  }

  @Test
  void aPlainMessageGetsThemToo() throws IOException {
    composeUndated();

    hasOneDateAndOneMessageId(outerHeaders());
    assertThat(Files.readString(dir.resolve("out.eml"))).endsWith("\r\n\r\nNoon?\r\n");
  }

  @Test
  void aDateAndAMessageIdTheMessageHasAreKeptAsTheyAre() throws IOException {
    assertThat(compose("--sign").exitCode()).isZero();

    String headers = outerHeaders();
    String written = Files.readString(message, StandardCharsets.US_ASCII);
    String date = written.substring(written.indexOf("\r\nDate: "), written.indexOf("\r\n", written.indexOf("\r\nDate: ") + 2));
    assertThat(headers).contains(date + "\r\n").contains("\r\nMessage-ID: <tour-1@example.org>\r\n");
    assertThat(headers.split("\r\nDate: ", -1)).hasSize(2);
    assertThat(headers.split("\r\nMessage-ID: ", -1)).hasSize(2);
  }

  /** RFC 9788: the outside shows Subject: [...]; the JSON report shows the protected Subject. */
  @Test
  void encryptedMailHidesItsSubjectOutsideAndTheJsonReportShowsTheProtectedOne() throws IOException {
    assertThat(compose("--sign", "--encrypt", "--continue-encryption").exitCode()).isZero();
    Path out = dir.resolve("out.eml");
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("Subject: [...]").doesNotContain("Subject: Hi");
    CliRun.Result read = CliRun.withPassword().run("read", "--id", bob.p12().toString(), "--trust",
        alice.certificatePem().toString(), "--json", "--in", out.toString());
    assertThat(read.exitCode()).as(read.toString()).isZero();
    var headers = new com.fasterxml.jackson.databind.ObjectMapper().readTree(read.out()).get("protectedHeaders");
    assertThat(headers.get("marker").asText()).isEqualTo("hp=\"cipher\"");
    assertThat(headers.get("fields")).anySatisfy(f -> {
      assertThat(f.get("name").asText()).isEqualTo("Subject");
      assertThat(f.get("value").asText()).isEqualTo("Hi");
    });
  }
}
