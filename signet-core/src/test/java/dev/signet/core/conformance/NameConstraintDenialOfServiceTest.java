package dev.signet.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.signet.core.PathResult;
import dev.signet.core.PathSettings;
import dev.signet.core.PathValidation;
import dev.signet.core.ProblemCode;
import dev.signet.testkit.SharedTestData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Bouncy Castle name-constraints denial-of-service chain (CAs with 32,768 permitted DNS
 * constraints, a leaf with 32,767 DNS names), read in place: refused within seconds.
 */
class NameConstraintDenialOfServiceTest {
  @Test
  void chainWithTensOfThousandsOfConstraintsAndNamesIsRefusedWithinSeconds() throws Exception {
    Path dir = SharedTestData.folder("bc-pkix-pq");
    X509Certificate root = certificate(dir.resolve("mal-root.crt"));
    List<X509Certificate> cas = List.of(certificate(dir.resolve("mal-ca1.crt")), certificate(dir.resolve("mal-ca2.crt")));
    X509Certificate leaf = certificate(dir.resolve("mal-leaf.crt"));
    Instant at = leaf.getNotBefore().toInstant().plusSeconds(60);

    PathResult result = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> PathValidation.validate(leaf, cas, List.of(root), List.of(), at, PathSettings.defaults()));

    assertThat(result.problem()).hasValueSatisfying(p -> assertThat(p.code()).isEqualTo(ProblemCode.INVALID_PATH));
  }

  private static X509Certificate certificate(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
