package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compose with a settings profile, Bcc recipients, and the two policy file formats deciding alike. */
class ComposeProfileCliTest {
  @TempDir Path dir;
  final CliRun signet = CliRun.withPassword();
  Fixtures.Person aliceSigning;
  Fixtures.Person aliceEncryption;
  Fixtures.Person bob;
  String store;

  @BeforeEach
  void aliceHasASigningAndAnEncryptionId() throws IOException {
    Files.createDirectories(dir.resolve("sign"));
    Files.createDirectories(dir.resolve("enc"));
    aliceSigning = Fixtures.person(dir.resolve("sign"), "alice@example.org", "Alice");
    aliceEncryption = Fixtures.person(dir.resolve("enc"), "alice@example.org", "Alice");
    bob = Fixtures.person(dir, "bob@example.org", "Bob");
    store = dir.resolve("store").toString();
    ok(signet.run("id", "import", aliceSigning.p12().toString(), "--name", "alice-sign", "--store", store));
    ok(signet.run("id", "import", aliceEncryption.p12().toString(), "--name", "alice-enc", "--store", store));
    ok(signet.run("profile", "add", "work", "--signing-id", "alice-sign", "--encryption-id", "alice-enc",
        "--hash", "sha384", "--cipher", "aes256-gcm", "--send-certificates", "false", "--store", store));
  }

  @Test
  void composeWithAProfileUsesItsHashCipherAndCertificateChoice() throws IOException {
    Path out = compose("To: bob@example.org", "--profile", "work", "--sign", "--encrypt");

    CliRun.Result read = ok(signet.run("read", "--id", bob.p12().toString(), "--trust",
        aliceSigning.certificatePem().toString(), "--certs", aliceSigning.certificatePem().toString(), "--json",
        "--in", out.toString()));
    assertThat(read.out()).contains("AES-256-GCM").contains("\"digestAlgorithm\" : \"SHA-384\"")
        .contains("\"verdict\" : \"valid\"");
  }

  /** Issue 16, defect 3: the profile's cipher reaches a recipient whose capabilities are unknown. */
  @Test
  void aProfilesCbcCipherIsUsedForARecipientOfUnknownCapabilitiesAndAnnouncedFirst() throws IOException {
    ExternalTool.OPENSSL.require();
    ok(signet.run("profile", "add", "legacy", "--signing-id", "alice-sign", "--cipher", "aes256-cbc", "--store", store));

    CliRun.Result composed = composeRun("To: bob@example.org", "--profile", "legacy", "--sign", "--encrypt");
    Path out = dir.resolve("out.eml");

    assertThat(composed.stderr()).contains("cipher: AES-256-CBC (MinEncKey: minimum 128 bits (absent, default); the"
        + " sender's profile cipher; recipients' capabilities unknown)");
    assertThat(openssl("cms", "-cmsout", "-print", "-in", out.toString()).stdoutText())
        .contains("contentType: pkcs7-envelopedData").contains("algorithm: aes-256-cbc");
    Path key = dir.resolve("bob.key");
    openssl("pkcs12", "-in", bob.p12().toString(), "-nocerts", "-nodes", "-passin", "pass:" + CliRun.PASSWORD, "-out",
        key.toString());
    Path signed = dir.resolve("signed.eml");
    openssl("cms", "-decrypt", "-in", out.toString(), "-recip", bob.certificatePem().toString(), "-inkey",
        key.toString(), "-out", signed.toString());
    String printed = openssl("cms", "-cmsout", "-print", "-in", signed.toString()).stdoutText();
    String capabilities = printed.substring(printed.indexOf("object: S/MIME Capabilities"));
    int next = capabilities.indexOf("object:", 1);
    capabilities = next < 0 ? capabilities : capabilities.substring(0, next);
    assertThat(capabilities.lines().filter(l -> l.contains("OBJECT")).map(l -> l.substring(l.lastIndexOf(':') + 1)))
        .startsWith("aes-256-cbc", "aes-256-gcm", "aes-128-gcm", "aes-128-cbc"); // then the ML-KEM recipients
  }

  private ProcessRunner.Result openssl(String... args) {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    ProcessRunner.Result r = ProcessRunner.run(dir, Map.of(), new byte[0], command);
    assertThat(r.exitCode()).as("%s:%n%s", command, r.stderr()).isZero();
    return r;
  }

  @Test
  void aProfileThatSendsNoCertificatesLeavesThemOut() throws IOException {
    Path out = compose("To: bob@example.org", "--profile", "work", "--sign");

    CliRun.Result read = signet.run("verify", "--trust", aliceSigning.certificatePem().toString(), "--in", out.toString());
    assertThat(read.exitCode()).as(read.toString()).isNotZero();
  }

  @Test
  void theSentCopyIsEncryptedToTheProfilesEncryptionId() throws IOException {
    Path out = compose("To: bob@example.org", "--profile", "work", "--encrypt");

    assertThat(ok(signet.run("decrypt", "--id", aliceEncryption.p12().toString(), "--in", out.toString())).out())
        .contains("Noon?");
    assertThat(signet.run("decrypt", "--id", aliceSigning.p12().toString(), "--in", out.toString()).exitCode())
        .isNotZero();
  }

  @Test
  void aProfilesDefaultLabelTravelsWhenNoLabelIsGiven() throws IOException {
    Path label = dir.resolve("label.der");
    ok(signet.run("label", "make", "--policy", "1.3.6.1.4.1.99999.1", "--classification", "2", "--privacy-mark",
        "STAFF ONLY", "--out", label.toString()));
    ok(signet.run("profile", "add", "labelled", "--signing-id", "alice-sign", "--label", label.toString(),
        "--store", store));

    Path out = compose("To: bob@example.org", "--profile", "labelled", "--sign");

    assertThat(ok(signet.run("verify", "--trust", aliceSigning.certificatePem().toString(), "--json", "--in",
        out.toString())).out()).contains("STAFF ONLY");
  }

  @Test
  void aProfileWithSubjectVisibleKeepsTheSubjectOutsideEncryptedMail() throws IOException {
    ok(signet.run("profile", "add", "open", "--signing-id", "alice-sign", "--subject-visible", "--store", store));

    Path out = compose("To: bob@example.org", "--profile", "open", "--sign", "--encrypt");

    String header = Files.readString(out, StandardCharsets.US_ASCII).split("\r\n\r\n", 2)[0];
    assertThat(header).contains("Subject: Hi").doesNotContain("[...]");
  }

  @Test
  void bccRecipientsCanDecryptButAreNotNamedInTheMessage() throws IOException {
    Path out = compose("To: carol@example.org\r\nBcc: Bob <bob@example.org>", "--from", aliceSigning.p12().toString(),
        "--encrypt", "--continue-encryption");

    String written = Files.readString(out, StandardCharsets.US_ASCII);
    String header = written.substring(0, written.indexOf("\r\n\r\n") + 2);
    assertThat(header).doesNotContainIgnoringCase("bcc").contains("To: carol@example.org");
    assertThat(written).doesNotContain("bob@example.org");
    assertThat(ok(signet.run("decrypt", "--id", bob.p12().toString(), "--in", out.toString())).out()).contains("Noon?");
  }

  @Test
  void aRegExportAndTheSameNameValueFileDecideAlike() throws IOException {
    Path reg = Files.writeString(dir.resolve("outlook.reg"), """
        Windows Registry Editor Version 5.00

        [HKEY_CURRENT_USER\\Software\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Security]
        "AlwaysSign"=dword:00000001
        "ClearSign"=dword:00000000
        "MinEncKey"=dword:000000a8
        "DisableContinueEncryption"=dword:00000000
        """);
    Path plain = Files.writeString(dir.resolve("policy.txt"),
        "AlwaysSign=1\nClearSign=0\nMinEncKey=168\nDisableContinueEncryption=0\n");

    String fromReg = explain(reg);
    assertThat(fromReg).contains("AES-256-GCM").contains("opaque");
    assertThat(explain(plain)).isEqualTo(fromReg);
  }

  private String explain(Path policy) throws IOException {
    Path message = Files.write(dir.resolve("explain.eml"), Fixtures.message("alice@example.org", "bob@example.org", "Hi", "Noon?\r\n"));
    return ok(signet.run("policy", "explain", "--policy", policy.toString(), "--in", message.toString(), "--from",
        aliceSigning.p12().toString(), "--rcpt", bob.certificatePem().toString(), "--encrypt", "--json")).out();
  }

  private Path compose(String recipients, String... options) throws IOException {
    composeRun(recipients, options);
    return dir.resolve("out.eml");
  }

  private CliRun.Result composeRun(String recipients, String... options) throws IOException {
    String text = "From: alice@example.org\r\n" + recipients + "\r\nSubject: Hi\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: text/plain\r\n\r\nNoon?\r\n";
    Path message = Files.writeString(dir.resolve("msg.eml"), text, StandardCharsets.US_ASCII);
    Path out = dir.resolve("out.eml");
    String[] base = {"compose", "--rcpt", bob.certificatePem().toString(), "--in", message.toString(), "--out",
        out.toString(), "--store", store};
    String[] all = new String[base.length + options.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(options, 0, all, base.length, options.length);
    return ok(signet.run(all));
  }

  private static CliRun.Result ok(CliRun.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }
}
