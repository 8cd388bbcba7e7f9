package dev.signet.mail;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What StoreSettingsFuzzTest found, pinned: a damaged settings.json is a StoreException, never another error. */
class DamagedSettingsTest {
  @TempDir Path dir;

  @Test
  void aSettingsFileThatIsNotValidTextInItsDetectedEncodingIsAStoreException() throws Exception {
    // "{" in UTF-32BE, then a code point above U+10FFFF.
    Files.write(dir.resolve("settings.json"), new byte[] {0, 0, 0, '{', 0x76, 0x64, 0x72, 0x73});
    assertThatThrownBy(() -> IdStore.open(dir).list())
        .isInstanceOf(StoreException.class).hasMessageContaining("not a Signet settings file");
  }

  @Test
  void aSettingsFileThatIsJsonNullIsAStoreException() throws Exception {
    Files.writeString(dir.resolve("settings.json"), " null ");
    assertThatThrownBy(() -> IdStore.open(dir).list())
        .isInstanceOf(StoreException.class).hasMessageContaining("not a Signet settings file: null");
  }

  @Test
  void anIdWithoutItsCertificateIsAStoreExceptionNamingIt() throws Exception {
    Files.writeString(dir.resolve("settings.json"), "{\"version\":1,\"ids\":{\"work\":{\"file\":\"work.p12\"}}}");
    assertThatThrownBy(() -> IdStore.open(dir).list())
        .isInstanceOf(StoreException.class).hasMessageContaining("the ID work lacks its file or certificate");
  }

  @Test
  void aProfileWithoutItsHashIsAStoreExceptionNamingIt() throws Exception {
    Files.writeString(dir.resolve("settings.json"),
        "{\"profiles\":{\"office\":{\"signingId\":\"work\",\"cipher\":\"AES-128-GCM\"}}}");
    assertThatThrownBy(() -> IdStore.open(dir).profiles())
        .isInstanceOf(StoreException.class).hasMessageContaining("the profile office lacks its signing ID, hash or cipher");
  }

  @Test
  void anEmptyIdOrProfileIsAStoreException() throws Exception {
    for (String json : new String[] {"{\"ids\":{\"work\":null}}", "{\"profiles\":{\"office\":null}}"}) {
      Files.writeString(dir.resolve("settings.json"), json);
      assertThatThrownBy(() -> IdStore.open(dir).profiles()).as(json).isInstanceOf(StoreException.class);
    }
  }
}
