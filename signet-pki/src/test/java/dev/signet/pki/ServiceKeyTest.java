package dev.signet.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.testkit.TestClock;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys the service holds for a role: the delegated OCSP responder's and the TLS identity. */
class ServiceKeyTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  private final TestClock clock = TestClock.frozenAt(START);

  private Issuer initialised() {
    return CertificateAuthority.open(CaDatabase.inDataFolder(dir)).withClock(clock)
        .init("CN=Service Key Test CA", KeyType.EC_P384, "http://127.0.0.1:8080", CaFixture.PASSPHRASE, "test");
  }

  /** As a second service node on the same database would open it. */
  private Issuer unlockedAgain() {
    return CertificateAuthority.open(CaDatabase.inDataFolder(dir)).withClock(clock).unlock(CaFixture.PASSPHRASE);
  }

  @Test
  void theOcspResponderIsRenewedOnlyWhenItNearsExpiry() {
    Issuer issuer = initialised();
    X509Certificate first = issuer.ocspResponderCertificate();

    clock.advance(Duration.between(START, first.getNotAfter().toInstant()).minus(Duration.ofDays(11)));
    assertThat(issuer.ocspResponderCertificate()).isEqualTo(first);

    clock.advance(Duration.ofDays(2));
    X509Certificate renewed = issuer.ocspResponderCertificate();
    assertThat(renewed).isNotEqualTo(first);
    assertThat(renewed.getNotAfter()).isAfter(first.getNotAfter());
  }

  @Test
  void anotherNodeOnTheSameDatabaseUsesTheStoredTlsIdentity() {
    DigitalId first = initialised().serviceIdentity(List.of("localhost"));
    DigitalId second = unlockedAgain().serviceIdentity(List.of("localhost"));

    assertThat(second.certificate()).isEqualTo(first.certificate());
    assertThat(second.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
  }
}
