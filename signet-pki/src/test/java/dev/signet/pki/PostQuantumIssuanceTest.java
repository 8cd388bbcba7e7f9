package dev.signet.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.KeyType;
import java.io.IOException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The CA issues ML-DSA signing certificates (digitalSignature, RFC 9881) and ML-KEM encryption
 * certificates (keyEncipherment alone, RFC 9935). An ML-KEM key cannot sign its request: the request
 * is signed with the person's signing certificate from this CA, named in an RFC 9883 statement of
 * possession.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostQuantumIssuanceTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final boolean[] DIGITAL_SIGNATURE = {true, false, false, false, false, false, false, false, false};
  private static final boolean[] KEY_ENCIPHERMENT = {false, false, true, false, false, false, false, false, false};
  private CaFixture fixture;

  @BeforeAll
  void setUp() {
    fixture = CaFixture.h2(KeyType.EC_P384);
  }

  @AfterAll
  void tearDown() {
    fixture.close();
  }

  @Test
  void anMlDsaKeyGetsASigningCertificateForDigitalSignatures() {
    Signing alice = signing("alice@example.org");

    assertThat(alice.certificate().getKeyUsage()).isEqualTo(DIGITAL_SIGNATURE);
    assertThat(subjectPublicKeyInfo(alice.certificate())).isEqualTo(alice.keys().getPublic().getEncoded());
  }

  @Test
  void anMlDsaKeyIsRefusedADualUseCertificate() {
    String email = "dora@example.org";
    Enrollment e = fixture.issuer.enroll(email, token(email), EstClient.request(mlDsa(), email), CertificateProfile.DUAL_USE);

    assertThat(e).isInstanceOfSatisfying(Enrollment.Rejected.class, r -> {
      assertThat(r.reason()).isEqualTo(CaException.Reason.LINT_FAILED);
      assertThat(r.message()).contains("an ML-DSA key only signs");
    });
  }

  @Test
  void anMlKemKeyVouchedForByTheSigningCertificateGetsAnEncryptionCertificate() {
    Signing bob = signing("bob@example.org");
    KeyPair kem = KeyType.ML_KEM_768.newKeyPair(RANDOM);

    Enrollment e = fixture.issuer.enroll(bob.email(), bob.token(), vouched(kem, bob), CertificateProfile.ENCRYPTION);

    assertThat(e).isInstanceOfSatisfying(Enrollment.Issued.class, issued -> {
      X509Certificate cert = issued.issued().certificate();
      assertThat(cert.getKeyUsage()).isEqualTo(KEY_ENCIPHERMENT);
      assertThat(subjectPublicKeyInfo(cert)).isEqualTo(kem.getPublic().getEncoded());
    });
    assertThat(fixture.ca.auditLog()).anySatisfy(a -> assertThat(a.detail())
        .contains("vouched for by signing certificate " + bob.certificate().getSerialNumber().toString(16)));
  }

  @Test
  void anMlKemKeyIsRefusedASigningCertificate() {
    Signing carl = signing("carl@example.org");
    String email = "carl.kem@example.org";
    Enrollment e = fixture.issuer.enroll(email, token(email), vouched(KeyType.ML_KEM_512.newKeyPair(RANDOM), carl),
        CertificateProfile.SIGNING);

    assertThat(e).isInstanceOf(Enrollment.Rejected.class);
  }

  @Test
  void anMlKemRequestWithoutAStatementOfPossessionIsRefused() {
    String email = "erin@example.org";
    KeyPair kem = KeyType.ML_KEM_768.newKeyPair(RANDOM);
    KeyPair other = Requests.ec("secp256r1");
    byte[] unvouched = Requests.forMailbox(email, new KeyPair(kem.getPublic(), other.getPrivate())).der();

    Enrollment e = fixture.issuer.enroll(email, token(email), unvouched, CertificateProfile.ENCRYPTION);

    assertThat(e).isInstanceOfSatisfying(Enrollment.Rejected.class, r -> {
      assertThat(r.reason()).isEqualTo(CaException.Reason.BAD_REQUEST);
      assertThat(r.message()).contains("statement of possession");
    });
  }

  @Test
  void aRevokedSigningCertificateCannotVouch() {
    Signing fay = signing("fay@example.org");
    fixture.ca.revoke(fay.certificate().getSerialNumber().toString(16), RevocationReason.KEY_COMPROMISE, "admin");

    Enrollment e = fixture.issuer.enroll(fay.email(), fay.token(), vouched(KeyType.ML_KEM_768.newKeyPair(RANDOM), fay),
        CertificateProfile.ENCRYPTION);

    assertThat(e).isInstanceOfSatisfying(Enrollment.Rejected.class,
        r -> assertThat(r.reason()).isEqualTo(CaException.Reason.NOT_AUTHORIZED));
  }

  @Test
  void aSigningCertificateVouchesOnlyForItsOwnMailbox() {
    Signing gus = signing("gus@example.org");
    String email = "hal@example.org";
    byte[] request = EstClient.request(KeyType.ML_KEM_768.newKeyPair(RANDOM).getPublic(), email,
        gus.keys().getPrivate(), gus.certificate());

    Enrollment e = fixture.issuer.enroll(email, token(email), request, CertificateProfile.ENCRYPTION);

    assertThat(e).isInstanceOfSatisfying(Enrollment.Rejected.class,
        r -> assertThat(r.reason()).isEqualTo(CaException.Reason.WRONG_ADDRESS));
  }

  @Test
  void anAdministratorIssuesAVouchedForMlKemRequestToo() {
    Signing ivy = signing("ivy@example.org");

    IssuedCertificate issued = fixture.issuer.issue(vouched(KeyType.ML_KEM_1024.newKeyPair(RANDOM), ivy),
        CertificateProfile.ENCRYPTION, Duration.ofDays(30), "admin");

    assertThat(issued.certificate().getKeyUsage()).isEqualTo(KEY_ENCIPHERMENT);
  }

  /** A person enrolled for an ML-DSA-65 signing certificate with a token that has its encryption half left. */
  private record Signing(String email, String token, KeyPair keys, X509Certificate certificate) {}

  private Signing signing(String email) {
    String token = token(email);
    KeyPair keys = mlDsa();
    Enrollment e = fixture.issuer.enroll(email, token, EstClient.request(keys, email), CertificateProfile.SIGNING);
    assertThat(e).as(e.statusText()).isInstanceOf(Enrollment.Issued.class);
    return new Signing(email, token, keys, ((Enrollment.Issued) e).issued().certificate());
  }

  private static byte[] vouched(KeyPair kem, Signing by) {
    return EstClient.request(kem.getPublic(), by.email(), by.keys().getPrivate(), by.certificate());
  }

  /** The key as the certificate encodes it (the JDK re-encodes keys it cannot use, with parameters added). */
  private static byte[] subjectPublicKeyInfo(X509Certificate cert) {
    try {
      return new X509CertificateHolder(cert.getEncoded()).getSubjectPublicKeyInfo().getEncoded();
    } catch (IOException | CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair mlDsa() {
    return KeyType.ML_DSA_65.newKeyPair(RANDOM);
  }

  private String token(String email) {
    return fixture.ca.token(email, Optional.empty(), Duration.ofHours(1), "admin").secret();
  }
}
