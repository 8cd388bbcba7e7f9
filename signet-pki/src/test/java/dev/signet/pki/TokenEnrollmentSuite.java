package dev.signet.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.KeyType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The CA's behaviour, run against each database it supports (see the subclasses). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TokenEnrollmentSuite {
  CaFixture fixture;

  /** A new CA of {@code keyType} in this suite's kind of database. */
  abstract CaFixture newFixture(KeyType keyType);

  @BeforeAll
  void setUp() {
    fixture = newFixture(KeyType.EC_P384);
  }

  /** Stops what {@link #newFixture} started, after the CA is closed. */
  void stopDatabase() {}

  @AfterAll
  void tearDown() {
    fixture.close();
    stopDatabase();
  }

  private EnrollmentToken token(String email) {
    return fixture.ca.token(email, Optional.of("A Person"), Duration.ofHours(72), "admin");
  }

  private Enrollment enroll(EnrollmentToken token, String email, CertificateProfile profile) {
    return fixture.issuer.enroll(email, token.secret(), Requests.forMailbox(email).der(), profile);
  }

  private static CaException.Reason rejection(Enrollment e) {
    assertThat(e).isInstanceOf(Enrollment.Rejected.class);
    return ((Enrollment.Rejected) e).reason();
  }

  @Test
  void aTokenEnrollsItsAddress() {
    EnrollmentToken token = token("gina@example.org");
    Enrollment e = enroll(token, "gina@example.org", CertificateProfile.DUAL_USE);
    assertThat(e).isInstanceOfSatisfying(Enrollment.Issued.class, issued -> {
      assertThat(issued.issued().email()).isEqualTo("gina@example.org");
      assertThat(issued.caChain()).hasSize(2);
    });
  }

  @Test
  void aTokenIsSingleUse() {
    EnrollmentToken token = token("hank@example.org");
    enroll(token, "hank@example.org", CertificateProfile.DUAL_USE);
    assertThat(rejection(enroll(token, "hank@example.org", CertificateProfile.DUAL_USE))).isEqualTo(CaException.Reason.TOKEN_USED);
  }

  @Test
  void oneTokenEnrollsASeparateSigningAndEncryptionKeyOnceEach() {
    EnrollmentToken token = token("ivy@example.org");
    assertThat(enroll(token, "ivy@example.org", CertificateProfile.SIGNING)).isInstanceOf(Enrollment.Issued.class);
    assertThat(enroll(token, "ivy@example.org", CertificateProfile.ENCRYPTION)).isInstanceOf(Enrollment.Issued.class);
    assertThat(rejection(enroll(token, "ivy@example.org", CertificateProfile.SIGNING))).isEqualTo(CaException.Reason.TOKEN_USED);
  }

  @Test
  void anExpiredTokenIsRefused() {
    EnrollmentToken token = fixture.ca.token("jack@example.org", Optional.empty(), Duration.ofMinutes(5), "admin");
    Clock later = Clock.fixed(token.expires().plusSeconds(1), ZoneOffset.UTC);
    Issuer laterIssuer = fixture.ca.withClock(later).unlock(CaFixture.PASSPHRASE);
    Enrollment e = laterIssuer.enroll("jack@example.org", token.secret(),
        Requests.forMailbox("jack@example.org").der(), CertificateProfile.DUAL_USE);
    assertThat(rejection(e)).isEqualTo(CaException.Reason.TOKEN_EXPIRED);
  }

  @Test
  void aRequestForAnotherAddressIsRefused() {
    EnrollmentToken token = token("kim@example.org");
    Enrollment e = fixture.issuer.enroll("kim@example.org", token.secret(),
        Requests.forMailbox("boss@example.org").der(), CertificateProfile.DUAL_USE);
    assertThat(rejection(e)).isEqualTo(CaException.Reason.WRONG_ADDRESS);
  }

  @Test
  void aTokenPresentedForAnotherAddressIsUnknown() {
    EnrollmentToken token = token("lee@example.org");
    assertThat(rejection(enroll(token, "mallory@example.org", CertificateProfile.DUAL_USE)))
        .isEqualTo(CaException.Reason.TOKEN_UNKNOWN);
  }

  @Test
  void aGarbageRequestIsRefusedAndTheTokenKept() {
    EnrollmentToken token = token("max@example.org");
    Enrollment e = fixture.issuer.enroll("max@example.org", token.secret(),
        "not a CSR".getBytes(StandardCharsets.US_ASCII), CertificateProfile.DUAL_USE);
    assertThat(rejection(e)).isEqualTo(CaException.Reason.BAD_REQUEST);
    assertThat(enroll(token, "max@example.org", CertificateProfile.DUAL_USE)).isInstanceOf(Enrollment.Issued.class);
  }

  @Test
  void aWeakKeyIsRefused() {
    EnrollmentToken token = token("ned@example.org");
    Enrollment e = fixture.issuer.enroll("ned@example.org", token.secret(),
        Requests.forMailbox("ned@example.org", Requests.rsa(1024)).der(), CertificateProfile.DUAL_USE);
    assertThat(rejection(e)).isEqualTo(CaException.Reason.WEAK_KEY);
  }

  @Test
  void theTokenItselfIsNeverLogged() {
    EnrollmentToken token = token("olga@example.org");
    enroll(token, "olga@example.org", CertificateProfile.DUAL_USE);
    assertThat(fixture.ca.auditLog()).extracting(AuditEvent::detail).noneMatch(d -> d.contains(token.secret()));
    assertThat(fixture.ca.auditLog()).extracting(AuditEvent::action).contains("token", "enroll");
  }

  @Test
  void reenrollmentNeedsAValidCertificateOfThisCa() {
    EnrollmentToken token = token("pat@example.org");
    Enrollment.Issued first = (Enrollment.Issued) enroll(token, "pat@example.org", CertificateProfile.SIGNING);
    Enrollment again = fixture.issuer.reenroll(first.issued().certificate(),
        Requests.forMailbox("pat@example.org").der());
    assertThat(again).isInstanceOf(Enrollment.Issued.class);
    fixture.ca.revoke(first.issued().serial(), RevocationReason.SUPERSEDED, "admin");
    assertThat(rejection(fixture.issuer.reenroll(first.issued().certificate(),
        Requests.forMailbox("pat@example.org").der()))).isEqualTo(CaException.Reason.NOT_AUTHORIZED);
  }
}
