package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An expired digital ID never signs new mail, however it is named: a file, or a profile's. */
class ExpiredIdCliTest {
  @TempDir Path dir;
  final CliRun signet = CliRun.withPassword();
  Fixtures.Person expired;
  Path message;

  @BeforeEach
  void aliceHoldsAnExpiredId() throws IOException {
    expired = Fixtures.expiredPerson(dir, "alice@example.org", "Alice");
    message = Files.write(dir.resolve("msg.eml"),
        Fixtures.message("alice@example.org", "bob@example.org", "Lunch", "Noon?\r\n"));
  }

  @Test
  void signWithAnExpiredIdFileIsRefusedNamingItsDates() {
    CliRun.Result r = signet.run("sign", "--id", expired.p12().toString(), "--in", message.toString(), "--out",
        dir.resolve("out.eml").toString());

    assertRefused(r);
  }

  @Test
  void composeFromAnExpiredIdFileIsRefusedNamingItsDates() {
    CliRun.Result r = signet.run("compose", "--from", expired.p12().toString(), "--sign", "--store",
        dir.resolve("store").toString(), "--in", message.toString(), "--out", dir.resolve("out.eml").toString());

    assertRefused(r);
  }

  @Test
  void aProfileWhoseIdExpiredIsRefusedAlike() {
    String store = dir.resolve("store").toString();
    assertThat(signet.run("id", "import", expired.p12().toString(), "--name", "old", "--store", store).exitCode())
        .isZero();
    assertThat(signet.run("profile", "add", "work", "--signing-id", "old", "--store", store).exitCode()).isZero();

    CliRun.Result r = signet.run("sign", "--profile", "work", "--store", store, "--in", message.toString(), "--out",
        dir.resolve("out.eml").toString());

    assertRefused(r);
  }

  private void assertRefused(CliRun.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.stderr()).contains("is not valid now (valid from 2019-12-31").contains("until 2021-12-31")
        .doesNotContain("Exception");
    assertThat(dir.resolve("out.eml")).doesNotExist();
  }
}
