package dev.signet.mail;

import dev.signet.core.CertificatePurpose;
import static dev.signet.mail.StoreFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.DigitalId;
import dev.signet.core.EncryptOptions;
import dev.signet.core.ReadOptions;
import dev.signet.core.Smime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdStoreTest {
  @TempDir Path dir;

  @Test
  void anAddedIdLoadsBackWithItsKeyAndSurvivesReopening() throws IOException {
    DigitalId alice = StoreFixtures.dualUse("alice@example.org");
    StoreFixtures.store(dir).add("alice", alice, PASSWORD);

    DigitalId back = IdStore.open(dir).load("alice", PASSWORD);

    assertThat(back.certificate()).isEqualTo(alice.certificate());
    assertThat(back.privateKey().getEncoded()).isEqualTo(alice.privateKey().getEncoded());
    assertThat(IdStore.open(dir).list()).extracting(StoredId::name, StoredId::email)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", "alice@example.org"));
  }

  @Test
  void storeFilesAreReadableByTheOwnerOnly() throws IOException {
    StoreFixtures.store(dir.resolve("s")).add("alice", StoreFixtures.dualUse("alice@example.org"), PASSWORD);

    for (String f : List.of("alice.p12", Settings.FILE)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("s").resolve(f))))
          .isEqualTo("rw-------");
    }
    assertThat(Files.list(dir.resolve("s"))).noneMatch(p -> p.getFileName().toString().endsWith(".part"));
  }

  @Test
  void importListAndDelete() throws IOException {
    Path file = dir.resolve("bob.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      StoreFixtures.dualUse("bob@example.org").writePkcs12(out, PASSWORD, StoreFixtures.ITERATIONS, StoreFixtures.RANDOM);
    }
    IdStore store = StoreFixtures.store(dir.resolve("store"));

    store.importPkcs12(file, Optional.empty(), PASSWORD, true);
    store.add("bob-home", StoreFixtures.dualUse("bob@example.org"), PASSWORD);
    assertThat(store.list()).extracting(StoredId::name).containsExactly("bob", "bob-home");

    store.delete("bob");

    assertThat(store.list()).extracting(StoredId::name).containsExactly("bob-home");
    assertThat(dir.resolve("store").resolve("bob.p12")).doesNotExist();
    assertThat(file).exists();
  }

  @Test
  void usagesComeFromKeyUsage() throws IOException {
    IdStore store = StoreFixtures.store(dir);
    store.add("dual", StoreFixtures.dualUse("a@example.org"), PASSWORD);
    store.add("sign", StoreFixtures.signingOnly("a@example.org"), PASSWORD);
    store.add("enc", StoreFixtures.encryptionOnly(), PASSWORD);

    assertThat(store.list()).extracting(StoredId::name, StoredId::purpose).containsExactly(
        org.assertj.core.groups.Tuple.tuple("dual", CertificatePurpose.DUAL_USE),
        org.assertj.core.groups.Tuple.tuple("enc", CertificatePurpose.ENCRYPTION),
        org.assertj.core.groups.Tuple.tuple("sign", CertificatePurpose.SIGNING));
  }

  @Test
  void expiredIdsAreKeptForOldMailButNeverChosenForNewMail() throws IOException {
    IdStore store = StoreFixtures.store(dir);
    store.add("old", StoreFixtures.expired("carol@example.org"), PASSWORD);

    assertThat(store.signingIdFor("carol@example.org")).isEmpty();
    assertThat(store.encryptionIdFor("carol@example.org")).isEmpty();

    store.add("new", StoreFixtures.dualUse("carol@example.org"), PASSWORD);
    assertThat(store.signingIdFor("CAROL@example.org")).map(StoredId::name).contains("new");
    assertThat(store.encryptionIdFor("carol@example.org")).map(StoredId::name).contains("new");
    assertThat(store.decryptionKeys(PASSWORD)).hasSize(2);
    assertThat(store.find("old")).get().satisfies(s -> assertThat(s.expiredAt(java.time.Instant.now())).isTrue());
  }

  @Test
  void signingOnlyAndEncryptionOnlyIdsAreChosenForTheirOwnUse() throws IOException {
    IdStore store = StoreFixtures.store(dir);
    store.add("sign", StoreFixtures.signingOnly("dan@example.org"), PASSWORD);

    assertThat(store.signingIdFor("dan@example.org")).map(StoredId::name).contains("sign");
    assertThat(store.encryptionIdFor("dan@example.org")).isEmpty();
    assertThat(store.decryptionKeys(PASSWORD)).isEmpty();
  }

  @Test
  void exportWithDeleteMovesTheIdAndOldMailStillDecryptsOnTheOtherStore() throws IOException {
    DigitalId erin = StoreFixtures.dualUse("erin@example.org");
    IdStore first = StoreFixtures.store(dir.resolve("first"));
    first.add("erin", erin, PASSWORD);
    byte[] old = encryptTo(erin, "Subject: old\r\n\r\nkept secret\r\n");

    Path moved = dir.resolve("erin.p12");
    first.exportPkcs12("erin", moved, PASSWORD, true);

    assertThat(first.list()).isEmpty();
    assertThat(dir.resolve("first").resolve("erin.p12")).doesNotExist();
    IdStore second = StoreFixtures.store(dir.resolve("second"));
    second.importPkcs12(moved, Optional.empty(), PASSWORD, true);
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    Smime.withDefaults().read(new ByteArrayInputStream(old), ReadOptions.decrypt(second.decryptionKeys(PASSWORD)), plain);
    assertThat(plain.toString(StandardCharsets.UTF_8)).contains("kept secret");
  }

  @Test
  void exportWithAWrongPasswordLeavesTheIdInTheStore() throws IOException {
    IdStore store = StoreFixtures.store(dir);
    store.add("erin", StoreFixtures.dualUse("erin@example.org"), PASSWORD);

    assertThatThrownBy(() -> store.exportPkcs12("erin", dir.resolve("out.p12"), "wrong".toCharArray(), true));
    assertThat(store.find("erin")).isPresent();
    assertThat(dir.resolve("out.p12")).doesNotExist();
  }

  @Test
  void namesAndCertificatesAreUnique() throws IOException {
    IdStore store = StoreFixtures.store(dir);
    DigitalId id = StoreFixtures.dualUse("f@example.org");
    store.add("f", id, PASSWORD);

    assertThatThrownBy(() -> store.add("f", StoreFixtures.dualUse("g@example.org"), PASSWORD))
        .isInstanceOf(StoreException.class).hasMessageContaining("already has an ID named f");
    assertThatThrownBy(() -> store.add("f2", id, PASSWORD))
        .isInstanceOf(StoreException.class).hasMessageContaining("already in the store as f");
    assertThatThrownBy(() -> store.add("../evil", id, PASSWORD))
        .isInstanceOf(StoreException.class).hasMessageContaining("not a usable name");
    assertThatThrownBy(() -> store.delete("nobody")).hasMessageContaining("no digital ID named nobody");
  }

  private static byte[] encryptTo(DigitalId id, String message) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Smime.withDefaults().encrypt(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)),
        EncryptOptions.defaults(List.of(id.certificate())), out);
    return out.toByteArray();
  }
}
