package dev.signet.mail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The store's settings.json as anyone with access to the folder may have left it: listing the IDs
 * and profiles gives values or a StoreException (the store's documented error), nothing else.
 */
class StoreSettingsFuzzTest {
  private static final Path DIR = folder();

  private static Path folder() {
    try {
      Path dir = Files.createTempDirectory("signet-store-fuzz");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest(maxDuration = "2m")
  void settingsFiles(byte[] json) throws IOException {
    Files.write(DIR.resolve("settings.json"), json);
    IdStore store = IdStore.open(DIR);
    try {
      store.list();
      store.profiles();
      store.defaultProfile();
    } catch (StoreException expected) {
      // The documented ways to refuse a damaged store.
    }
  }
}
