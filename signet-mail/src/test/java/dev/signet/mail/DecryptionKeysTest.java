package dev.signet.mail;

import static dev.signet.mail.StoreFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigitalId;
import dev.signet.core.EncryptOptions;
import dev.signet.core.Policy;
import dev.signet.core.ReadOptions;
import dev.signet.core.Smime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's IDs decrypt, expired ones included, and only the one a message is encrypted to is unlocked. */
class DecryptionKeysTest {
  @TempDir Path dir;
  IdStore store;
  final List<String> unlocked = new ArrayList<>();
  Unlocking counting;

  @BeforeEach
  void store() {
    store = StoreFixtures.store(dir);
    counting = stored -> {
      unlocked.add(stored.name());
      return store.load(stored.name(), PASSWORD);
    };
  }

  @Test
  void anExpiredStoredIdStillDecryptsOldMail() throws IOException {
    DigitalId old = StoreFixtures.expired("ann@example.org");
    store.add("old", old, PASSWORD);
    store.add("new", StoreFixtures.dualUse("ann@example.org"), PASSWORD);

    assertThat(read(encryptedTo(old))).isEqualTo("old mail");
  }

  @Test
  void onlyTheIdTheMessageIsEncryptedToIsUnlocked() throws IOException {
    DigitalId current = StoreFixtures.dualUse("ann@example.org");
    store.add("old", StoreFixtures.expired("ann@example.org"), PASSWORD);
    store.add("current", current, PASSWORD);

    read(encryptedTo(current));

    assertThat(unlocked).containsExactly("current");
  }

  @Test
  void signingOnlyIdsAreNotOffered() throws IOException {
    store.add("sign", StoreFixtures.signingOnly("ann@example.org"), PASSWORD);

    assertThat(Correspondent.of(store, Policy.defaults()).decryptionKeys(counting)).isEmpty();
  }

  private String read(byte[] message) throws IOException {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    Smime.withDefaults().read(new ByteArrayInputStream(message),
        ReadOptions.decrypt(Correspondent.of(store, Policy.defaults()).decryptionKeys(counting)), plain);
    return plain.toString(StandardCharsets.UTF_8).lines().reduce((a, b) -> b).orElse("");
  }

  private static byte[] encryptedTo(DigitalId id) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Smime.withDefaults().encrypt(new ByteArrayInputStream(
        "Content-Type: text/plain\r\n\r\nold mail\r\n".getBytes(StandardCharsets.US_ASCII)),
        EncryptOptions.defaults(List.of(id.certificate())), out);
    return out.toByteArray();
  }
}
