package dev.signet.core.postquantum;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.Certificates;
import dev.signet.core.ComposePlan;
import dev.signet.core.ComposePolicy;
import dev.signet.core.ComposeRequest;
import dev.signet.core.ContentCipher;
import dev.signet.core.Decision;
import dev.signet.core.DigitalId;
import dev.signet.core.Policy;
import dev.signet.testkit.TestPki;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Compose to a person with an ML-KEM certificate: that certificate is the one encrypted to, the
 * content is AES-256-GCM (RFC 9936) whatever the profile prefers, and FIPSMode allows ML-KEM and
 * ML-DSA, which FIPS 203 and FIPS 204 standardise.
 */
class PostQuantumComposePolicyTest {
  private static final DigitalId KEM = PostQuantumIds.mlKem("ML-KEM-768");
  private static final DigitalId ML_DSA = PostQuantumIds.mlDsa("ML-DSA-65");
  private static final TestPki.Identity RSA = TestPki.get().identity(TestPki.KeyKind.RSA_2048);

  @Test
  void anMlKemCertificateIsChosenBeforeAClassicalOneForEncryption() {
    assertThat(Certificates.forEncryption(List.of(RSA.certificate(), KEM.certificate()))).contains(KEM.certificate());
  }

  @Test
  void withoutAnMlKemCertificateTheFirstThatEncryptsIsChosen() {
    assertThat(Certificates.forEncryption(List.of(ML_DSA.certificate(), RSA.certificate()))).contains(RSA.certificate());
  }

  @Test
  void mailToAnMlKemRecipientIsAes256GcmEvenWhenTheyAnnounceLess() {
    ComposePlan plan = ComposePolicy.plan(encryptTo(KEM.certificate(), Set.of(ContentCipher.AES_128_GCM)), policy(""));

    assertThat(plan.cipher()).isEqualTo(ContentCipher.AES_256_GCM);
    assertThat(decision(plan, "cipher").reason()).contains("ML-KEM recipient").contains("RFC 9936");
  }

  @Test
  void mailToClassicalRecipientsKeepsTheUsualChoice() {
    ComposePlan plan = ComposePolicy.plan(encryptTo(RSA.certificate(), Set.of()), policy(""));

    assertThat(plan.cipher()).isEqualTo(ContentCipher.AES_128_GCM);
  }

  @Test
  void fipsModeEncryptsToMlKemAndSignsWithMlDsa() {
    ComposeRequest request = new ComposeRequest(true, true, false, false, ML_DSA,
        List.of(new ComposeRequest.Recipient("kem@example.org", Optional.of(KEM.certificate()), Set.of())),
        Instant.now());

    ComposePlan plan = ComposePolicy.plan(request, policy("FIPSMode=1"));

    assertThat(plan.encryptTo()).contains(KEM.certificate());
    assertThat(plan.sign()).isTrue();
  }

  private static ComposeRequest encryptTo(X509Certificate cert, Set<ContentCipher> capabilities) {
    return new ComposeRequest(false, true, false, false, DigitalId.of(RSA.privateKey(), RSA.chain()),
        List.of(new ComposeRequest.Recipient("someone@example.org", Optional.of(cert), capabilities)), Instant.now());
  }

  private static Decision decision(ComposePlan plan, String subject) {
    return plan.decisions().stream().filter(d -> d.subject().equals(subject)).findFirst().orElseThrow();
  }

  private static Policy policy(String text) {
    try {
      return Policy.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.txt");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
