package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.testkit.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `signet serve --trust-root`: the partners' CAs web compose may encrypt to; what it refuses before writing anything. */
class ServeTrustRootCliTest {
  @TempDir Path dir;

  private CliRun.Result serve(String... options) {
    String[] args = new String[options.length + 3];
    args[0] = "serve";
    args[1] = "--data";
    args[2] = dir.resolve("data").toString();
    System.arraycopy(options, 0, args, 3, options.length);
    return CliRun.withoutPassword().run(args);
  }

  @Test
  void aTrustRootFileWithoutACertificateIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("partner.pem"), "not a certificate\n");

    CliRun.Result r = serve("--trust-root", file.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).startsWith("signet: error: " + file + ": ").endsWith("\n").hasLineCount(1);
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void aMissingTrustRootFileIsRefused() {
    CliRun.Result r = serve("--trust-root", dir.resolve("absent.pem").toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).isEqualTo("signet: error: no such file: " + dir.resolve("absent.pem") + "\n");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void aPersonsCertificateIsNoTrustRoot() {
    Path file = TestPki.writeCertificatesPem(dir.resolve("person.pem"),
        List.of(TestPki.get().identity(TestPki.KeyKind.RSA_2048).certificate()));

    CliRun.Result r = serve("--trust-root", file.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).startsWith("signet: error: --trust-root: " + file + ": not a CA's certificate: ")
        .hasLineCount(1);
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void theDemoTrustsOnlyItsOwnCa() {
    Path file = TestPki.writeCertificatesPem(dir.resolve("partner.pem"), TestPki.get().anchors());

    CliRun.Result r = serve("--demo", "--trust-root", file.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).isEqualTo("signet: error: --demo trusts only its own CA: drop --trust-root\n");
    assertThat(dir.resolve("data")).doesNotExist();
  }
}
