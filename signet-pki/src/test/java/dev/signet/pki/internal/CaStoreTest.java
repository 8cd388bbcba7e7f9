package dev.signet.pki.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.pki.CaDatabase;
import dev.signet.pki.CaException;
import dev.signet.pki.CertificateProfile;
import dev.signet.testkit.TestPki;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the store guarantees: a serial is issued once, and a failed issuance leaves nothing behind. */
class CaStoreTest {
  private final X509Certificate cert = TestPki.get().identity(TestPki.KeyKind.EC_P256).certificate();
  private final byte[] tokenHash = new byte[32];
  @TempDir Path dir;
  private CaStore store;

  @BeforeEach
  void open() {
    store = CaStore.open(CaDatabase.inDataFolder(dir));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aSerialCannotBeStoredTwice() {
    store.inTransaction(c -> {
      CertificateTable.insert(c, "a@example.org", CertificateProfile.SIGNING, cert);
      return null;
    });
    assertThatThrownBy(() -> store.inTransaction(c -> {
      CertificateTable.insert(c, "b@example.org", CertificateProfile.SIGNING, cert);
      return null;
    })).isInstanceOfSatisfying(CaException.class, e -> assertThat(e.reason()).isEqualTo(CaException.Reason.STORE));
    assertThat(store.certificates()).singleElement().satisfies(r -> assertThat(r.email()).isEqualTo("a@example.org"));
  }

  @Test
  void aFailureDuringIssuanceLeavesNeitherTheCertificateNorAUsedToken() {
    store.inTransaction(c -> {
      TokenTable.insert(c, tokenHash, "a@example.org", null, Instant.now(), Instant.now().plusSeconds(3600));
      return null;
    });
    assertThatThrownBy(() -> store.inTransaction(c -> {
      TokenTable.useToken(c, tokenHash, CertificateProfile.DUAL_USE, Instant.now());
      CertificateTable.insert(c, "a@example.org", CertificateProfile.DUAL_USE, cert);
      throw new SQLException("the process died here");
    })).isInstanceOf(CaException.class);

    assertThat(store.certificates()).isEmpty();
    assertThat(store.inTransaction(c -> TokenTable.tokenForUpdate(c, tokenHash)).orElseThrow().signingUsed()).isEmpty();
  }
}
