package dev.signet.mail;

import static dev.signet.mail.StoreFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.ContentCipher;
import dev.signet.core.DigestAlgorithm;
import dev.signet.core.DigitalId;
import dev.signet.core.KeyUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an {@link IdStore} does over any {@link StoreFiles}: each storage's test extends this with the
 * storage under test. The store's own tests (IdStoreTest, NonExportableIdTest) cover the rest over files.
 */
public abstract class IdStoreContract {
  @TempDir protected Path dir;

  /** A new, empty storage; called again, the same storage seen afresh (as a restart or another node sees it). */
  protected abstract StoreFiles files() throws IOException;

  private IdStore store() throws IOException {
    return IdStore.over(files()).withIterations(StoreFixtures.ITERATIONS);
  }

  @Test
  public void anAddedIdLoadsBackWithItsKeyThroughAnotherStoreOverTheSameFiles() throws IOException {
    DigitalId alice = StoreFixtures.dualUse("alice@example.org");
    store().add("alice", alice, PASSWORD);

    DigitalId back = store().load("alice", PASSWORD);

    assertThat(back.certificate()).isEqualTo(alice.certificate());
    assertThat(back.privateKey().getEncoded()).isEqualTo(alice.privateKey().getEncoded());
    assertThat(store().list()).extracting(StoredId::name).containsExactly("alice");
  }

  @Test
  public void theKeyIsKeptEncryptedUnderTheIdPassword() throws IOException {
    DigitalId alice = StoreFixtures.dualUse("alice@example.org");
    store().add("alice", alice, PASSWORD);

    String kept = latin1(files().read("alice.p12").orElseThrow());

    assertThat(kept).doesNotContain(latin1(alice.privateKey().getEncoded()), new String(PASSWORD));
    assertThatThrownBy(() -> store().load("alice", "wrong password".toCharArray()))
        .isInstanceOf(KeyUnavailableException.class);
  }

  @Test
  public void deletingAnIdRemovesItsKeyFile() throws IOException {
    store().add("bob", StoreFixtures.dualUse("bob@example.org"), PASSWORD);

    store().delete("bob");

    assertThat(store().list()).isEmpty();
    assertThat(files().read("bob.p12")).isEmpty();
  }

  @Test
  public void profilesAndTheDefaultSurviveReopening() throws IOException {
    store().add("home", StoreFixtures.dualUse("ann@home.example"), PASSWORD);
    Profile home = new Profile("home", "home", Optional.empty(), DigestAlgorithm.SHA_384, ContentCipher.AES_256_GCM,
        true, Optional.empty());
    store().addProfile(home);

    assertThat(store().defaultProfile()).hasValueSatisfying(p -> assertThat(p).usingRecursiveComparison()
        .isEqualTo(home));
    assertThatThrownBy(() -> store().delete("home")).hasMessageContaining("used by profile home");
  }

  @Test
  public void aNonExportableIdDecryptsButIsNeverExported() throws IOException {
    store().add("alice", StoreFixtures.dualUse("alice@example.org"), PASSWORD, false);
    Path out = dir.resolve("out.p12");

    assertThat(store().decryptionKeys(PASSWORD)).hasSize(1);
    assertThat(store().find("alice")).hasValueSatisfying(id -> assertThat(id.exportable()).isFalse());
    assertThatThrownBy(() -> store().exportPkcs12("alice", out, PASSWORD, true))
        .isInstanceOf(StoreException.class).hasMessageContaining("alice is a non-exportable digital ID");
    assertThat(out).doesNotExist();
  }

  @Test
  public void clearingTheNonExportableFlagInTheSettingsDoesNotReleaseTheKey() throws IOException {
    store().add("alice", StoreFixtures.dualUse("alice@example.org"), PASSWORD, false);
    String settings = new String(files().read(Settings.FILE).orElseThrow(), StandardCharsets.UTF_8);
    files().write(Settings.FILE, settings.replace("\"nonExportable\" : true", "\"nonExportable\" : false")
        .getBytes(StandardCharsets.UTF_8));
    Path out = dir.resolve("out.p12");

    assertThatThrownBy(() -> store().exportPkcs12("alice", out, PASSWORD, false))
        .isInstanceOf(KeyUnavailableException.class);
    assertThat(out).doesNotExist();
  }

  @Test
  public void damagedSettingsAreAStoreException() throws IOException {
    files().write(Settings.FILE, "{\"version\":1,\"ids\":".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> store().list()).isInstanceOf(StoreException.class)
        .hasMessageContaining("not a Signet settings file");
  }

  /** Bytes as text one character each, so that a search for bytes is a search for text. */
  private static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
