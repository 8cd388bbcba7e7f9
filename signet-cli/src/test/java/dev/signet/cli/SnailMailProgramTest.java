package dev.signet.cli;

import static dev.signet.cli.MailProgramDemo.ALICE;
import static dev.signet.cli.MailProgramDemo.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's s-nail 14.9, a real mail program on OpenSSL, against `signet serve --demo`: it submits over
 * SMTP (STARTTLS on the loopback port, or SMTPS) and reads over IMAP (STARTTLS, or IMAPS), requiring
 * TLS and trusting only the demo's root. Alice uses s-nail; Bob uses Signet.
 */
class SnailMailProgramTest {
  private static final String CBC = "DefaultEncryptionCipher=AES-256-CBC\n";
  private static final int KILLED_BY_SIGSEGV = 128 + 11;
  private static MailProgramDemo demo;

  @TempDir Path dir;

  @BeforeAll
  static void startDemo(@TempDir Path folder) throws IOException {
    ExternalTool.S_NAIL.require();
    demo = MailProgramDemo.start(folder);
  }

  @AfterAll
  static void stopDemo() throws InterruptedException {
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void signetFetchesAPlainMessageSnailSentOverStartTls() throws IOException {
    ProcessRunner.Result sent = snailSends(starttls(), "plain from s-nail", "Lunch at noon?");
    assertThat(sent.exitCode()).as(sent.stderr()).isZero();

    CliRun.Result read = MailProgramDemo.signet().run("read", "--in",
        demo.signetFetches(dir, BOB, "plain from s-nail").toString());

    assertThat(read.out()).contains("Lunch at noon?");
  }

  @Test
  void signetReadsValidAMessageSnailSigned() throws IOException {
    ProcessRunner.Result sent = snailSends(starttls(), "signed by s-nail", "Signed at noon.", signing());
    assertThat(sent.exitCode()).as(sent.stderr()).isZero();

    CliRun.Result verified = demo.bobVerifies(demo.signetFetches(dir, BOB, "signed by s-nail"));

    assertThat(verified.exitCode()).as(verified.toString()).isZero();
    assertThat(verified.stderr()).contains("verdict: valid (good signature, trusted)", "signed by " + ALICE);
  }

  @Test
  void signetDecryptsAMessageSnailEncryptedWithAes256Cbc() throws IOException {
    ProcessRunner.Result sent = snailSends(starttls(), "encrypted by s-nail", "Sealed at noon.", encrypting());
    assertThat(sent.exitCode()).as(sent.stderr()).isZero();

    CliRun.Result read = demo.bobReads(demo.signetFetches(dir, BOB, "encrypted by s-nail"));

    assertThat(read.out()).as(read.toString()).contains("Sealed at noon.");
    assertThat(read.stderr()).contains("encrypted with AES-256-CBC", "NOT_SIGNED");
  }

  @Test
  void signetReadsValidAMessageSnailSignedAndEncryptedThroughSmtps() throws IOException {
    List<String> options = new ArrayList<>(signing());
    options.addAll(encrypting());
    ProcessRunner.Result sent = snailSends(smtps(), "signed and encrypted by s-nail", "Signed and sealed.", options);
    assertThat(sent.exitCode()).as(sent.stderr()).isZero();

    CliRun.Result read = demo.bobReads(demo.signetFetches(dir, BOB, "signed and encrypted by s-nail"));

    assertThat(read.exitCode()).as(read.toString()).isZero();
    assertThat(read.out()).contains("Signed and sealed.");
    assertThat(read.stderr()).contains("verdict: valid (good signature, trusted)", "encrypted with AES-256-CBC");
  }

  @Test
  void snailVerifiesOverImapsWhatSignetClearSigned() throws IOException {
    demo.signetSendsToAlice(dir, "clear-signed by Signet", "The figures are up.", "", "--sign");

    String shown = snailShowsNewest(imaps());

    assertThat(shown).contains("The figures are up.").containsPattern("Message +[0-9]+ was verified successfully");
  }

  @Test
  void snailDecryptsWhatSignetEncryptedWithTheOrganisationsCbcCipher() throws IOException {
    demo.signetSendsToAlice(dir, "encrypted by Signet", "The figures are sealed.", CBC, "--encrypt");

    String shown = snailShowsNewest(imapStarttls());

    assertThat(shown).contains("X-Encoded-Content-Type: application/pkcs7-mime; smime-type=enveloped-data",
        "The figures are sealed.");
  }

  @Test
  void snailDecryptsAndVerifiesWhatSignetSignedAndEncryptedWithTheOrganisationsCbcCipher() throws IOException {
    demo.signetSendsToAlice(dir, "figures", "The figures are up.", CBC, "--sign", "--encrypt");

    String shown = snailShowsNewest(imapStarttls());

    assertThat(shown).contains("X-Encoded-Content-Type: application/pkcs7-mime; smime-type=enveloped-data",
        "The figures are up.").containsPattern("Message +[0-9]+ was verified successfully");
  }

  /** s-nail has no ESS: it verifies the signature and neither shows nor answers the request. */
  @Test
  void snailVerifiesWhatSignetSignedAskingForASignedReceipt() throws IOException {
    demo.signetSendsToAlice(dir, "receipt asked by Signet", "Please confirm.", "", "--sign", "--receipt-request");

    String shown = snailShowsNewest(imapStarttls());

    assertThat(shown).contains("Please confirm.").containsPattern("Message +[0-9]+ was verified successfully");
  }

  /** Pinned: s-nail 14.9.24 dies of a segmentation fault showing opaque-signed mail (from any sender). */
  @Test
  void snailCrashesShowingOpaqueSignedMail() throws IOException {
    demo.signetSendsToAlice(dir, "opaque-signed by Signet", "Opaque figures.", "", "--sign", "--opaque");

    ProcessRunner.Result read = snailReadsNewest(imapStarttls());

    assertThat(read.exitCode()).as(read.stderr()).isEqualTo(KILLED_BY_SIGSEGV);
  }

  /** Pinned: s-nail's OpenSSL PKCS#7 decryption knows no AuthEnvelopedData (AES-GCM), Signet's default. */
  @Test
  void snailCannotDecryptAesGcm() throws IOException {
    demo.signetSendsToAlice(dir, "GCM by Signet", "Not for s-nail.", "", "--encrypt");

    ProcessRunner.Result read = snailReadsNewest(imapStarttls());

    assertThat(read.stdoutText() + read.stderr()).contains("smime-type=authEnveloped-data",
        "Error decrypting PKCS#7 object").doesNotContain("Not for s-nail.");
  }

  private static String starttls() {
    return "smtp://" + credentials(ALICE) + "@localhost:" + demo.serve.smtpPort();
  }

  private static String smtps() {
    return "smtps://" + credentials(ALICE) + "@localhost:" + demo.serve.smtpsPort();
  }

  private static String imapStarttls() {
    return "imap://" + credentials(ALICE) + "@localhost:" + demo.serve.imapPort() + "/INBOX";
  }

  private static String imaps() {
    return "imaps://" + credentials(ALICE) + "@localhost:" + demo.serve.imapsPort() + "/INBOX";
  }

  private static List<String> signing() {
    return List.of("-S", "smime-sign", "-S", "smime-sign-cert=" + demo.aliceKeyPem);
  }

  private static List<String> encrypting() {
    return List.of("-S", "smime-cipher=aes256", "-S", "smime-encrypt-" + BOB + "=" + demo.bob.certificatePem());
  }

  private ProcessRunner.Result snailSends(String mta, String subject, String body, String... options) {
    return snailSends(mta, subject, body, List.of(options));
  }

  /** Alice's s-nail submits {@code body} to Bob through {@code mta} with AUTH, plus {@code options}. */
  private ProcessRunner.Result snailSends(String mta, String subject, String body, List<String> options) {
    List<String> command = snail(List.of("-S", "mta=" + mta, "-S", "smtp-use-starttls", "-S", "smtp-auth=plain",
        "-S", "from=" + ALICE));
    command.addAll(options);
    command.addAll(List.of("-s", subject, BOB));
    return ProcessRunner.run(dir, snailEnvironment(), (body + "\n").getBytes(StandardCharsets.UTF_8), command);
  }

  /** What Alice's s-nail prints and verifies of the newest message in her inbox at {@code folder}. */
  private String snailShowsNewest(String folder) {
    ProcessRunner.Result read = snailReadsNewest(folder);
    assertThat(read.exitCode()).as(read.stderr()).isZero();
    return read.stdoutText();
  }

  /** Alice's s-nail opens {@code folder} in batch mode and prints and verifies its newest message. */
  private ProcessRunner.Result snailReadsNewest(String folder) {
    List<String> command = snail(List.of("-#", "-S", "imap-use-starttls", "-S", "smime-ca-file="
        + demo.bob.certificatePem(), "-S", "smime-ca-no-defaults", "-S", "smime-sign-cert=" + demo.aliceKeyPem,
        "-f", folder));
    return ProcessRunner.run(dir, snailEnvironment(), "print $\nverify $\nquit\n".getBytes(StandardCharsets.UTF_8),
        command);
  }

  /** No start-up files; TLS required (STARTTLS options, or the TLS ports), trusting the demo's root only. */
  private static List<String> snail(List<String> more) {
    List<String> command = new ArrayList<>(List.of(ExternalTool.S_NAIL.command(), "-n", "-S", "v15-compat",
        "-S", "ttycharset=utf-8", "-S", "tls-ca-file=" + demo.demoRoot, "-S", "tls-ca-no-defaults"));
    command.addAll(more);
    return command;
  }

  /** HOME is the test's folder, so that a failed send leaves its dead.letter there. */
  private Map<String, String> snailEnvironment() {
    return Map.of("HOME", dir.toString(), "MAILRC", "/dev/null");
  }

  /** USER:PASSWORD for a URL, percent-encoded as v15-compat wants. */
  private static String credentials(String who) {
    return MailProgramDemo.urlEncoded(who) + ":" + MailProgramDemo.urlEncoded(ServeProcess.PASSWORD);
  }
}
