package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigitalId;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code id new --key ml-dsa-65} and {@code --key ml-kem-768}: the encryption-only ID comes as a pair. */
class PostQuantumIdCliTest {
  @TempDir Path dir;
  private final CliRun signet = CliRun.withPassword();

  @Test
  void anMlDsaIdIsSelfSigned() throws IOException {
    Path out = dir.resolve("alice.p12");

    CliRun.Result result = signet.run("id", "new", "--email", "alice@example.org", "--key", "ml-dsa-65", "--out",
        out.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(Fixtures.readId(out).certificate().getPublicKey().getAlgorithm()).isIn("ML-DSA-65", "2.16.840.1.101.3.4.3.18");
  }

  @Test
  void anMlKemIdIsWrittenBesideTheSigningIdThatIssuesIt() throws IOException {
    Path out = dir.resolve("alice.p12");

    CliRun.Result result = signet.run("id", "new", "--email", "alice@example.org", "--key", "ml-kem-768", "--out",
        out.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    DigitalId signing = Fixtures.readId(out);
    DigitalId kem = Fixtures.readId(dir.resolve("alice-encryption.p12"));
    assertThat(signing.certificate().getPublicKey().getAlgorithm()).isIn("ML-DSA-65", "2.16.840.1.101.3.4.3.18");
    assertThat(kem.certificate().getPublicKey().getAlgorithm()).isIn("ML-KEM-768", "2.16.840.1.101.3.4.4.2");
    assertThat(kem.certificate().getIssuerX500Principal()).isEqualTo(signing.certificate().getSubjectX500Principal());
    assertThat(result.stderr()).contains("encryption only, issued by the ml-dsa-65 ID");
  }

  @Test
  void theSigningHalfOfThePairCanBeChosen() throws IOException {
    Path out = dir.resolve("alice.p12");

    CliRun.Result result = signet.run("id", "new", "--email", "alice@example.org", "--key", "ml-kem-1024",
        "--signing-key", "ec-p384", "--out", out.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(Fixtures.readId(out).certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void aSigningKeyThatCannotSignIsABadInput() {
    CliRun.Result result = signet.run("id", "new", "--email", "alice@example.org", "--key", "ml-kem-768",
        "--signing-key", "ml-kem-512", "--out", dir.resolve("alice.p12").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderrLines()).singleElement().asString().startsWith("signet:").contains("cannot sign");
    assertThat(dir.resolve("alice.p12")).doesNotExist();
  }
}
