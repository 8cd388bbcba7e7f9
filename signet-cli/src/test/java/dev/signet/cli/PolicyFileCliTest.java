package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import dev.signet.testkit.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policy files as the CLI reads them (issue 16, defects 8 and 10): requiredCA checked when the file
 * is read and compared as an X.500 name, written as OpenSSL prints it; a setting given twice; .reg
 * values under another key; and what {@code policy show} says of absent settings.
 */
class PolicyFileCliTest {
  @TempDir Path dir;
  Fixtures.Person alice;
  Fixtures.Person bob;
  Path message;

  @BeforeEach
  void people() throws IOException {
    alice = Fixtures.person(dir, "alice@example.org", "Alice");
    bob = Fixtures.person(dir, "bob@example.org", "Bob");
    message = Files.write(dir.resolve("msg.eml"), Fixtures.message("alice@example.org", "bob@example.org", "Hi",
        "Noon?\r\n"));
  }

  private Path policy(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private CliRun.Result show(Path policy) {
    return CliRun.withPassword().run("policy", "show", "--policy", policy.toString());
  }

  private CliRun.Result compose(Path policy) {
    return CliRun.withPassword().run("compose", "--from", alice.p12().toString(), "--rcpt",
        bob.certificatePem().toString(), "--sign", "--encrypt", "--in", message.toString(), "--out",
        dir.resolve("out.eml").toString(), "--policy", policy.toString());
  }

  @Test
  void aRequiredCaThatIsNotADistinguishedNameStopsPolicyShowAndComposeWithOneLineNamingTheLine() throws IOException {
    Path policy = policy("policy.txt", "AlwaysSign=1\nrequiredCA=Audit Root CA\n");

    for (CliRun.Result r : List.of(show(policy), compose(policy))) {
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
      assertThat(r.stderrLines()).hasSize(1);
      assertThat(r.stderrLines().get(0)).startsWith("signet: error: policy " + policy + " line 2: requiredCA: \"Audit Root"
          + " CA\" is not a distinguished name").doesNotContain("Exception");
    }
    assertThat(dir.resolve("out.eml")).doesNotExist();
  }

  /** Both certificates come from the test PKI's intermediate CA, CN=Signet Test Intermediate CA,O=Signet Test PKI,C=NL. */
  @Test
  void requiredCaAsOpenSslPrintsTheIssuerInEitherOrderAndAnyCaseLetsComposeSend() throws IOException {
    ExternalTool.OPENSSL.require();
    TestPki pki = TestPki.get();
    TestPki.Identity sender = pki.identity(TestPki.KeyKind.RSA_2048);
    TestPki.Identity reader = pki.identity(TestPki.KeyKind.EC_P256);
    Path p12 = TestPki.writePkcs12(dir.resolve("sender.p12"), sender, CliRun.PASSWORD.toCharArray());
    Path readerPem = TestPki.writeCertificatesPem(dir.resolve("reader.pem"), List.of(reader.certificate()));
    Path mail = Files.write(dir.resolve("pki.eml"), Fixtures.message(sender.email(), reader.email(), "Hi", "Noon?\r\n"));
    String printed = issuer(readerPem);
    String rfc2253 = issuer(readerPem, "-nameopt", "RFC2253");
    assertThat(printed).isEqualTo("issuer=CN = Signet Test Intermediate CA, O = Signet Test PKI, C = NL");
    assertThat(rfc2253).isEqualTo("issuer=C=NL,O=Signet Test PKI,CN=Signet Test Intermediate CA");

    for (String name : List.of(printed, rfc2253, printed.toUpperCase(Locale.ROOT).replace(", ", " ,  "),
        "O=Signet Test PKI,C=NL,CN=Signet Test Intermediate CA")) {
      String ca = "requiredCA=" + name + "\n";
      CliRun.Result r = CliRun.withPassword().run("compose", "--from", p12.toString(), "--rcpt", readerPem.toString(),
          "--sign", "--encrypt", "--in", mail.toString(), "--out", dir.resolve("out.eml").toString(), "--policy",
          policy("policy.txt", ca).toString());
      if (name.startsWith("O=")) {
        assertThat(r.exitCode()).as(ca + r).isEqualTo(2);
        assertThat(r.stderr()).contains("requiredCA: your digital ID");
      } else {
        assertThat(r.exitCode()).as(ca + r).isZero();
        assertThat(r.stderr()).contains("certificates: issued by " + name.substring("issuer=".length()) + " only");
      }
    }
  }

  private String issuer(Path certificate, String... options) {
    List<String> command = new ArrayList<>(List.of("openssl", "x509", "-noout", "-issuer", "-in", certificate.toString()));
    command.addAll(List.of(options));
    ProcessRunner.Result r = ProcessRunner.run(dir, Map.of(), new byte[0], command);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r.stdoutText().strip();
  }

  @Test
  void requiredCaOfAnotherCaRefusesTheSendNamingIt() throws IOException {
    CliRun.Result r = compose(policy("policy.txt", "requiredCA=subject=O = Example, CN = Audit Root CA\n"));

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.stderr()).contains("requiredCA: your digital ID").contains("not by O = Example, CN = Audit Root CA");
    assertThat(r.stderr()).doesNotContain("Exception");
  }

  @Test
  void policyShowsTheDefaultEncryptionCipherSetAndWhatItsAbsenceMeans() throws IOException {
    CliRun.Result set = show(policy("policy.txt", "DefaultEncryptionCipher=AES-256-CBC\n"));
    CliRun.Result absent = show(policy("empty.txt", ""));

    assertThat(set.out().lines()).anyMatch(l -> l.startsWith("DefaultEncryptionCipher=AES-256-CBC  (set in policy file"));
    assertThat(absent.out().lines()).contains("DefaultEncryptionCipher  (absent: AES-128-GCM, or AES-256-GCM when"
        + " MinEncKey asks for more)");
  }

  @Test
  void aSettingGivenTwiceIsAnErrorNamingBothLines() throws IOException {
    Path twice = policy("policy.txt", "ClearSign=1\nAlwaysSign=1\nclearsign=0\n");
    CliRun.Result r = show(twice);

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderrLines()).containsExactly(
        "signet: error: policy " + twice + " line 3: ClearSign is given twice, on line 1 and on line 3");
  }

  @Test
  void aRegValueUnderAnotherKeyIsRefusedNamingTheKey() throws IOException {
    Path reg = policy("outlook.reg", """
        Windows Registry Editor Version 5.00

        [HKEY_CURRENT_USER\\Software\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Security]
        "AlwaysSign"=dword:00000001

        [HKEY_CURRENT_USER\\Software\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Preferences]
        "AlwaysEncrypt"=dword:00000001
        """);

    CliRun.Result r = show(reg);

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderrLines()).containsExactly("signet: error: policy " + reg + " line 7: \"AlwaysEncrypt\" is under"
        + " [HKEY_CURRENT_USER\\Software\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Preferences], which is not"
        + " Outlook's security policy key; policy values belong under HKEY_CURRENT_USER (or HKEY_LOCAL_MACHINE)"
        + "\\Software\\Policies\\Microsoft\\Office\\<version>\\Outlook\\Security");
  }

  @Test
  void showSaysAnAbsentClearSignLeavesThePersonsChoiceNotZero() throws IOException {
    Path file = policy("policy.txt", "AlwaysSign=1\n");
    CliRun.Result r = show(file);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).doesNotContain("ClearSign=0")
        .contains("ClearSign  (absent: the person's choice, clear-signed unless they ask for opaque)")
        .contains("requiredCA  (absent: certificates of any CA may sign and encrypt)")
        .contains("AlwaysSign=1  (set in policy file " + file + ")")
        .contains("SigStatusNoTrustDecision=1  (absent, default)").contains("AlwaysEncrypt=0  (absent, default)");
    Path zero = policy("zero.txt", "ClearSign=0\n");
    assertThat(show(zero).out()).contains("ClearSign=0  (set in policy file " + zero + ")");
  }
}
