package dev.signet.mail;

import static dev.signet.mail.StoreFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.ContentCipher;
import dev.signet.core.DigestAlgorithm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileTest {
  @TempDir Path dir;
  IdStore store;

  @BeforeEach
  void ids() throws IOException {
    store = StoreFixtures.store(dir);
    store.add("work-sign", StoreFixtures.signingOnly("ann@work.example"), PASSWORD);
    store.add("work-enc", StoreFixtures.encryptionOnly(), PASSWORD);
    store.add("home", StoreFixtures.dualUse("ann@home.example"), PASSWORD);
  }

  @Test
  void profilesRoundTripThroughTheSettingsFile() throws IOException {
    Profile work = new Profile("work", "work-sign", Optional.of("work-enc"), DigestAlgorithm.SHA_384,
        ContentCipher.AES_256_GCM, false, Optional.of(new byte[] {0x31, 0x00}));
    store.addProfile(work);

    Profile back = IdStore.open(dir).profile("work").orElseThrow();

    assertThat(back).usingRecursiveComparison().isEqualTo(work);
    assertThat(back.receivingId()).isEqualTo("work-enc");
  }

  @Test
  void newIdsAreNonExportableWhileTheDefaultProfileSaysSo() throws IOException {
    assertThat(store.newIdsNonExportable()).isFalse();
    store.addProfile(Profile.of("home", "home").withNonExportable(true));
    store.addProfile(new Profile("work", "work-sign", Optional.of("work-enc"), DigestAlgorithm.SHA_256,
        ContentCipher.AES_128_GCM, true, Optional.empty(), false));

    assertThat(IdStore.open(dir).newIdsNonExportable()).isTrue();
    store.setDefaultProfile("work");
    assertThat(IdStore.open(dir).newIdsNonExportable()).isFalse();
  }

  @Test
  void aSettingsFileFromBeforeTheNonExportableDefaultReadsAsExportable() throws IOException {
    store.addProfile(Profile.of("home", "home"));
    Path settings = dir.resolve(Settings.FILE);
    Files.writeString(settings, Files.readString(settings).replaceAll(",\\s*\"nonExportable\"\\s*:\\s*false", ""));
    assertThat(Files.readString(settings)).contains("\"home\"").doesNotContain("nonExportable");

    assertThat(IdStore.open(dir).profile("home")).hasValueSatisfying(p -> assertThat(p.nonExportable()).isFalse());
  }

  @Test
  void theFirstProfileIsTheDefaultUntilAnotherIsSet() throws IOException {
    store.addProfile(Profile.of("home", "home"));
    store.addProfile(new Profile("work", "work-sign", Optional.of("work-enc"), DigestAlgorithm.SHA_256,
        ContentCipher.AES_128_GCM, true, Optional.empty()));
    assertThat(store.defaultProfile()).map(Profile::name).contains("home");

    store.setDefaultProfile("work");
    assertThat(store.defaultProfile()).map(Profile::name).contains("work");

    store.removeProfile("work");
    assertThat(store.defaultProfile()).isEmpty();
    assertThat(store.profiles()).extracting(Profile::name).containsExactly("home");
  }

  @Test
  void aProfileNeedsIdsThatCanDoItsJobs() {
    assertThatThrownBy(() -> store.addProfile(Profile.of("bad", "work-enc")))
        .isInstanceOf(StoreException.class).hasMessageContaining("work-enc is encryption-only and cannot sign");
    assertThatThrownBy(() -> store.addProfile(Profile.of("bad", "work-sign")))
        .hasMessageContaining("work-sign is signing-only and cannot receive encrypted mail");
    assertThatThrownBy(() -> store.addProfile(Profile.of("bad", "nobody"))).hasMessageContaining("no digital ID named nobody");
    assertThatThrownBy(() -> store.setDefaultProfile("nothing")).hasMessageContaining("no profile named nothing");
  }

  @Test
  void anIdInUseByAProfileIsNotDeleted() throws IOException {
    store.addProfile(Profile.of("home", "home"));

    assertThatThrownBy(() -> store.delete("home")).hasMessageContaining("used by profile home");
    assertThat(store.profilesUsing("home")).containsExactly("home");
    store.removeProfile("home");
    store.delete("home");
    assertThat(store.find("home")).isEmpty();
  }
}
