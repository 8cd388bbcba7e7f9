package dev.signet.mail;

import static dev.signet.mail.StoreFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.ContentCipher;
import dev.signet.core.DigestAlgorithm;
import dev.signet.core.DigitalId;
import dev.signet.core.Policy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who sends: only digital IDs valid now sign or receive new mail, whichever front end asks. */
class SenderChoiceTest {
  private static final String ANN = "ann@example.org";
  @TempDir Path dir;
  IdStore store;
  Correspondent ann;
  Unlocking unlocking;

  @BeforeEach
  void annHasAStore() {
    store = StoreFixtures.store(dir);
    ann = Correspondent.of(store, Policy.defaults());
    unlocking = stored -> store.load(stored.name(), PASSWORD);
  }

  @Test
  void anExpiredDigitalIdGivenDirectlyIsRefusedNamingItsDates() {
    DigitalId expired = StoreFixtures.expired(ANN);

    assertThatThrownBy(() -> ann.sender(expired)).isInstanceOf(StoreException.class)
        .hasMessageContaining("not valid now").hasMessageContaining("valid from 2019-12-31")
        .hasMessageContaining("until 2021-12-31");
  }

  @Test
  void aCurrentDigitalIdGivenDirectlySendsWithDefaultSettings() throws IOException {
    DigitalId id = StoreFixtures.dualUse(ANN);

    Sender sender = ann.sender(id);

    assertThat(sender.settings().encryptionCertificate()).isEqualTo(id.certificate());
    assertThat(sender.settings().digest()).isEqualTo(DigestAlgorithm.SHA_256);
  }

  @Test
  void aProfileWhoseSigningIdExpiredIsRefused() throws IOException {
    store.add("old", StoreFixtures.expired(ANN), PASSWORD);
    store.addProfile(Profile.of("work", "old"));

    assertThatThrownBy(() -> ann.sender(Optional.of("work"), Optional.empty(), unlocking))
        .isInstanceOf(StoreException.class).hasMessageContaining("profile work: old is not valid now");
  }

  @Test
  void theDefaultProfileSendsWithItsHashCipherAndEncryptionId() throws IOException {
    store.add("sign", StoreFixtures.dualUse(ANN), PASSWORD);
    StoredId enc = store.add("enc", StoreFixtures.dualUse(ANN), PASSWORD);
    store.addProfile(new Profile("work", "sign", Optional.of("enc"), DigestAlgorithm.SHA_384,
        ContentCipher.AES_256_CBC, true, Optional.empty()));

    Sender sender = ann.sender(Optional.empty(), Optional.empty(), unlocking);

    assertThat(sender.settings().digest()).isEqualTo(DigestAlgorithm.SHA_384);
    assertThat(sender.settings().preferredCipher()).isEqualTo(ContentCipher.AES_256_CBC);
    assertThat(sender.settings().encryptionCertificate()).isEqualTo(enc.certificate());
  }

  @Test
  void withoutAProfileTheNewestCurrentSigningIdForTheAddressSends() throws IOException {
    store.add("expired", StoreFixtures.expired(ANN), PASSWORD);
    StoredId current = store.add("current", StoreFixtures.dualUse(ANN), PASSWORD);

    Sender sender = ann.sender(Optional.empty(), Optional.of(ANN), unlocking);

    assertThat(sender.id().certificate()).isEqualTo(current.certificate());
  }

  @Test
  void withoutAProfileOrAnAddressThereIsNoSender() {
    assertThatThrownBy(() -> ann.sender(Optional.empty(), Optional.empty(), unlocking))
        .isInstanceOf(StoreException.class).hasMessageContaining("no sender");
  }

  @Test
  void anUnknownProfileIsRefusedByName() {
    assertThatThrownBy(() -> ann.sender(Optional.of("nope"), Optional.empty(), unlocking))
        .isInstanceOf(StoreException.class).hasMessageContaining("no profile named nope");
  }
}
