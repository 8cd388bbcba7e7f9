package dev.signet.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.KeyType;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A certificate that breaks its profile is never signed, and the refusal is on record. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreIssuanceLintTest {
  private CaFixture fixture;
  private Clock later;
  private Issuer expired;

  @BeforeAll
  void setUp() {
    fixture = CaFixture.h2(KeyType.EC_P384);
    // Eleven years on, the issuing CA (ten years) has ended: whatever it would sign outlives it.
    later = Clock.fixed(fixture.ca.caCertificates().get(0).getNotAfter().toInstant().plus(Duration.ofDays(1)),
        ZoneOffset.UTC);
    expired = fixture.ca.withClock(later).unlock(CaFixture.PASSPHRASE);
  }

  @AfterAll
  void tearDown() {
    fixture.close();
  }

  @Test
  void aCertificateTheLintRefusesIsNotIssued() {
    assertThatThrownBy(() -> expired.issue(Requests.forMailbox("late@example.org").der(), CertificateProfile.SIGNING,
        Duration.ofDays(30), "admin"))
        .isInstanceOfSatisfying(CaException.class, e -> assertThat(e.reason()).isEqualTo(CaException.Reason.LINT_FAILED))
        .hasMessageContaining("IssuedBy");
    assertThat(fixture.ca.certificatesFor("late@example.org")).isEmpty();
  }

  @Test
  void theRefusalIsInTheAuditLogWithTheRulesBroken() {
    assertThatThrownBy(() -> expired.issue(Requests.forMailbox("audit@example.org").der(), CertificateProfile.SIGNING,
        Duration.ofDays(30), "admin")).isInstanceOf(CaException.class);
    assertThat(fixture.ca.auditLog()).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("issue-refused");
      assertThat(e.detail()).contains("audit@example.org", "IssuedBy");
    });
  }

  @Test
  void anEnrollmentTheLintRefusesIsRejectedAndLeavesTheTokenUnused() {
    EnrollmentToken token = fixture.ca.withClock(later).token("tok@example.org", Optional.empty(), Duration.ofDays(30), "admin");
    Enrollment refused = expired.enroll("tok@example.org", token.secret(), Requests.forMailbox("tok@example.org").der(),
        CertificateProfile.SIGNING);
    assertThat(refused).isInstanceOfSatisfying(Enrollment.Rejected.class,
        r -> assertThat(r.reason()).isEqualTo(CaException.Reason.LINT_FAILED));
    assertThat(fixture.issuer.enroll("tok@example.org", token.secret(), Requests.forMailbox("tok@example.org").der(),
        CertificateProfile.SIGNING)).isInstanceOf(Enrollment.Issued.class);
  }
}
