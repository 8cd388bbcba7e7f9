package dev.signet.mail;

import static dev.signet.mail.StoreFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.DigitalId;
import dev.signet.core.EncryptOptions;
import dev.signet.core.ReadOptions;
import dev.signet.core.SignOptions;
import dev.signet.core.Smime;
import dev.signet.core.Verdict;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A non-exportable digital ID: it signs and decrypts in the store, and no path takes its key out. */
class NonExportableIdTest {
  private static final byte[] MESSAGE = "From: alice@example.org\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;
  DigitalId alice;
  IdStore store;

  @BeforeEach
  void aliceKeepsHerIdNonExportable() throws IOException {
    alice = StoreFixtures.dualUse("alice@example.org");
    store = StoreFixtures.store(dir.resolve("store"));
    store.add("alice", alice, PASSWORD, false);
  }

  @Test
  void itSignsAndDecryptsAsUsual() throws IOException {
    DigitalId loaded = store.load("alice", PASSWORD);
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    Smime.withDefaults().sign(new ByteArrayInputStream(MESSAGE), SignOptions.defaults(loaded), signed);
    ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
    Smime.withDefaults().encrypt(new ByteArrayInputStream(signed.toByteArray()),
        EncryptOptions.defaults(List.of(alice.certificate())), encrypted);

    ByteArrayOutputStream content = new ByteArrayOutputStream();
    var report = Smime.withDefaults().read(new ByteArrayInputStream(encrypted.toByteArray()),
        ReadOptions.readAll(store.decryptionKeys(PASSWORD), List.of(alice.certificate())), content);

    assertThat(report.verdict()).isEqualTo(Verdict.VALID);
    assertThat(content.toString(StandardCharsets.US_ASCII)).contains("hello");
  }

  @Test
  void exportIsRefusedNamingTheId() {
    Path out = dir.resolve("out.p12");
    assertThatThrownBy(() -> store.exportPkcs12("alice", out, PASSWORD, true))
        .isInstanceOf(StoreException.class).hasMessageContaining("alice is a non-exportable digital ID");
    assertThat(out).doesNotExist();
  }

  @Test
  void listingShowsItNonExportableAcrossReopening() throws IOException {
    assertThat(IdStore.open(dir.resolve("store")).find("alice")).hasValueSatisfying(id -> assertThat(id.exportable()).isFalse());
  }

  @Test
  void clearingTheFlagInTheSettingsFileDoesNotReleaseTheKey() throws IOException {
    Path settings = dir.resolve("store").resolve(Settings.FILE);
    Files.writeString(settings, Files.readString(settings).replace("\"nonExportable\" : true", "\"nonExportable\" : false"));
    Path out = dir.resolve("out.p12");

    assertThatThrownBy(() -> store.exportPkcs12("alice", out, PASSWORD, false))
        .isInstanceOf(dev.signet.core.KeyUnavailableException.class);
    assertThat(out).doesNotExist();
  }

  @Test
  void opensslCannotOpenTheKeyFileWithThePersonsPassword() {
    ExternalTool.OPENSSL.require();
    var result = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("openssl", "pkcs12", "-in",
        dir.resolve("store").resolve("alice.p12").toString(), "-nodes", "-passin", "pass:" + new String(PASSWORD)));
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stdoutText()).doesNotContain("PRIVATE KEY");
  }
}
