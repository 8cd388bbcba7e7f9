package dev.signet.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeyArchivalTest {
  private static CaFixture fixture;
  private static DigitalId agent;

  @BeforeAll
  static void archivalOn() {
    fixture = CaFixture.h2(KeyType.EC_P384);
    agent = DigitalId.selfSigned("recovery@example.org", "Recovery Agent", KeyType.RSA_2048, Clock.systemUTC(),
        new SecureRandom());
    fixture.ca.setRecoveryAgent(agent.certificate(), "admin");
  }

  @AfterAll
  static void tearDown() {
    fixture.close();
  }

  private static EnrollmentToken token(String email) {
    return fixture.ca.token(email, Optional.empty(), Duration.ofHours(1), "admin");
  }

  @Test
  void theServerMakesTheEncryptionKeyAndTheAgentRecoversIt() {
    EnrollmentToken token = token("ann@example.org");
    Enrollment e = fixture.issuer.enrollServerKey("ann@example.org", token.secret(),
        Requests.forMailbox("ann@example.org").der());
    Enrollment.KeyMade made = (Enrollment.KeyMade) e;

    List<DigitalId> recovered = fixture.ca.recover("ann@example.org", agent, "agent");

    assertThat(recovered).singleElement().satisfies(id -> {
      assertThat(id.privateKey()).isEqualTo(made.key());
      assertThat(id.certificate()).isEqualTo(made.issued().certificate());
      assertThat(id.chain()).hasSize(3);
    });
    assertThat(fixture.ca.auditLog()).extracting(AuditEvent::action).contains("archival", "enroll-server-key", "recover");
  }

  @Test
  void signingKeysAreNeverArchivedAndClientMadeEncryptionKeysAreRefused() {
    EnrollmentToken token = token("ben@example.org");
    assertThat(fixture.issuer.enroll("ben@example.org", token.secret(), Requests.forMailbox("ben@example.org").der(),
        CertificateProfile.SIGNING)).isInstanceOf(Enrollment.Issued.class);
    Enrollment dual = fixture.issuer.enroll("ben@example.org", token.secret(), Requests.forMailbox("ben@example.org").der(),
        CertificateProfile.DUAL_USE);
    assertThat(((Enrollment.Rejected) dual).reason()).isEqualTo(CaException.Reason.KEY_ARCHIVAL_REQUIRED);
    assertThatThrownBy(() -> fixture.ca.recover("ben@example.org", agent, "agent"))
        .isInstanceOfSatisfying(CaException.class, x -> assertThat(x.reason()).isEqualTo(CaException.Reason.NOTHING_ARCHIVED));
  }

  @Test
  void anotherDigitalIdCannotRecover() {
    EnrollmentToken token = token("cal@example.org");
    fixture.issuer.enrollServerKey("cal@example.org", token.secret(), Requests.forMailbox("cal@example.org").der());
    DigitalId stranger = DigitalId.selfSigned("eve@example.org", "Eve", KeyType.RSA_2048, Clock.systemUTC(),
        new SecureRandom());
    assertThatThrownBy(() -> fixture.ca.recover("cal@example.org", stranger, "eve"))
        .isInstanceOfSatisfying(CaException.class, x -> assertThat(x.reason()).isEqualTo(CaException.Reason.NOT_AUTHORIZED));
  }
}
