package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cli.NeoMutt.Security;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's NeoMutt 2022, a real mail program whose S/MIME is the openssl commands of Debian's
 * smime.rc, against `signet serve --demo`. Its screen is driven in a terminal (tmux) as a person would:
 * it composes and sends through SMTP with STARTTLS, and opens its inbox over IMAP with STARTTLS and
 * shows a message, running its own verify and decrypt commands. (NeoMutt 2022's batch mode sends
 * without signing or encrypting; its -C option for that came in 2024.) Alice uses NeoMutt; Bob uses
 * Signet.
 */
class NeoMuttMailProgramTest {
  private static final String CBC = "DefaultEncryptionCipher=AES-256-CBC\n";
  private static MailProgramDemo demo;

  @TempDir Path dir;
  private NeoMutt neoMutt;

  @BeforeAll
  static void startDemo(@TempDir Path folder) throws IOException {
    demo = MailProgramDemo.start(folder);
  }

  @AfterAll
  static void stopDemo() throws InterruptedException {
    if (demo != null) {
      demo.close();
    }
  }

  @BeforeEach
  void alicesNeoMutt() throws IOException {
    neoMutt = NeoMutt.forAlice(demo, dir.resolve("neomutt"), "aes256");
  }

  @Test
  void signetReadsValidAMessageNeoMuttSigned() throws IOException {
    neoMutt.sendsToBob("signed by NeoMutt", "Signed at noon.", Security.SIGN);

    CliRun.Result verified = demo.bobVerifies(demo.signetFetches(dir, MailProgramDemo.BOB, "signed by NeoMutt"));

    assertThat(verified.exitCode()).as(verified.toString()).isZero();
    assertThat(verified.stderr()).contains("verdict: valid (good signature, trusted)",
        "signed by " + MailProgramDemo.ALICE);
  }

  @Test
  void signetDecryptsAMessageNeoMuttEncryptedWithAes256Cbc() throws IOException {
    neoMutt.sendsToBob("encrypted by NeoMutt", "Sealed at noon.", Security.ENCRYPT);

    CliRun.Result read = demo.bobReads(demo.signetFetches(dir, MailProgramDemo.BOB, "encrypted by NeoMutt"));

    assertThat(read.out()).as(read.toString()).contains("Sealed at noon.");
    assertThat(read.stderr()).contains("encrypted with AES-256-CBC", "NOT_SIGNED");
  }

  @Test
  void signetReadsValidAMessageNeoMuttSignedAndEncrypted() throws IOException {
    neoMutt.sendsToBob("signed and encrypted by NeoMutt", "Signed and sealed.", Security.SIGN_AND_ENCRYPT);

    CliRun.Result read = demo.bobReads(demo.signetFetches(dir, MailProgramDemo.BOB, "signed and encrypted by NeoMutt"));

    assertThat(read.exitCode()).as(read.toString()).isZero();
    assertThat(read.out()).contains("Signed and sealed.");
    assertThat(read.stderr()).contains("verdict: valid (good signature, trusted)", "encrypted with AES-256-CBC",
        "signed by " + MailProgramDemo.ALICE);
  }

  @Test
  void neoMuttVerifiesWhatSignetClearSigned() throws IOException {
    String id = demo.signetSendsToAlice(dir, "clear-signed by Signet", "The figures are up.", "", "--sign");

    String screen = neoMutt.shows(id);

    assertThat(screen).contains("Verification successful", "The figures are up.", "[-- End of signed data --]");
  }

  @Test
  void neoMuttVerifiesWhatSignetOpaqueSigned() throws IOException {
    String id = demo.signetSendsToAlice(dir, "opaque-signed by Signet", "The figures are in.", "", "--sign",
        "--opaque");

    String screen = neoMutt.shows(id);

    assertThat(screen).contains("smime-type=signed-data", "Verification successful", "The figures are in.");
  }

  @Test
  void neoMuttDecryptsWhatSignetEncryptedWithTheOrganisationsCbcCipher() throws IOException {
    String id = demo.signetSendsToAlice(dir, "encrypted by Signet", "The figures are sealed.", CBC, "--encrypt");

    String screen = neoMutt.shows(id);

    assertThat(screen).contains("smime-type=enveloped-data", "The figures are sealed.");
  }

  @Test
  void neoMuttDecryptsAndVerifiesWhatSignetSignedAndEncrypted() throws IOException {
    String id = demo.signetSendsToAlice(dir, "signed and encrypted by Signet", "Signed and sealed figures.", CBC,
        "--sign", "--encrypt");

    String screen = neoMutt.shows(id);

    assertThat(screen).contains("smime-type=enveloped-data", "Verification successful", "Signed and sealed figures.");
  }

  /** NeoMutt has no ESS: it verifies the signature and shows nothing of the request (nor answers it). */
  @Test
  void neoMuttVerifiesWhatSignetSignedAskingForASignedReceipt() throws IOException {
    String id = demo.signetSendsToAlice(dir, "receipt asked by Signet", "Please confirm.", "", "--sign",
        "--receipt-request");

    String screen = neoMutt.shows(id);

    assertThat(screen).contains("Verification successful", "Please confirm.");
  }

  /** Pinned: NeoMutt knows no smime-type authEnveloped-data (AES-GCM), so Signet's default does not reach it. */
  @Test
  void neoMuttCannotReadAesGcmAndShowsThePartAsUnsupported() throws IOException {
    String id = demo.signetSendsToAlice(dir, "GCM by Signet", "Not for NeoMutt.", "", "--encrypt");

    String screen = neoMutt.shows(id);

    assertThat(screen).contains("smime-type=authEnveloped-data", "application/pkcs7-mime is unsupported")
        .doesNotContain("Not for NeoMutt.");
  }
}
