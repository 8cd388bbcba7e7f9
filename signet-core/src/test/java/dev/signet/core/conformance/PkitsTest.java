package dev.signet.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.PathResult;
import dev.signet.core.PathSettings;
import dev.signet.core.PathValidation;
import dev.signet.core.ProblemCode;
import dev.signet.testkit.SharedTestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NIST PKITS (2001 edition), read in place. Every end-entity certificate named Valid or Invalid is
 * validated against the PKITS trust anchor with every certificate and CRL of the suite as the
 * untrusted pool and revocation on; the policy tests run with the initial inputs PKITS sections 4.8
 * and 4.12 give them.
 */
class PkitsTest {
  private static final Instant INSIDE_VALIDITY = Instant.parse("2010-01-01T00:00:00Z");
  private static final String POLICY_PREFIX = "2.16.840.1.101.3.2.1.48.";

  private static Path dir;
  private static List<X509Certificate> pool;
  private static List<X509CRL> crls;
  private static X509Certificate anchor;

  @BeforeAll
  static void readSuite() throws IOException, GeneralSecurityException {
    dir = SharedTestData.folder("pkits-bc");
    pool = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir.resolve("certs"))) {
      for (Path f : files.sorted().toList()) {
        pool.add(certificate(f));
      }
    }
    crls = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir.resolve("crls"))) {
      for (Path f : files.sorted().toList()) {
        crls.add(crl(f));
      }
    }
    anchor = certificate(dir.resolve("certs/TrustAnchorRootCertificate.crt"));
  }

  static Stream<Arguments> pathValidationCases() throws IOException {
    Path tsv = SharedTestData.folder("pkits-bc").resolve("expected-by-filename.tsv");
    return Files.readAllLines(tsv).stream()
        .filter(line -> !line.startsWith("#") && !line.isBlank())
        .map(line -> line.split("\t"))
        .filter(row -> row[1].equals("valid") || row[1].equals("invalid"))
        .map(row -> Arguments.of(row[0].substring("certs/".length()), row[1].equals("valid")));
  }

  @ParameterizedTest(name = "{0} is valid: {1}")
  @MethodSource("pathValidationCases")
  void endEntityCertificateValidatesAsItsNameSays(String file, boolean valid) throws Exception {
    PathResult result = validate(file, PathSettings.defaults());

    assertThat(result.valid()).as("%s: %s", file, result.problem()).isEqualTo(valid);
  }

  @Test
  void everyValidOrInvalidCertificateOfTheSuiteIsJudged() throws IOException {
    assertThat(pathValidationCases().count()).isEqualTo(203);
  }

  /** Columns: file, user-initial-policy-set (policy numbers or any), initial-explicit-policy, initial-any-policy-inhibit, valid. */
  @ParameterizedTest(name = "{0} policies={1} explicit={2} inhibitAny={3}: valid {4}")
  @CsvSource({
      "AllCertificatesNoPoliciesTest2EE, any, false, false, true",
      "AllCertificatesNoPoliciesTest2EE, any, true, false, false",
      "DifferentPoliciesTest3EE, any, false, false, true",
      "DifferentPoliciesTest3EE, any, true, false, false",
      "DifferentPoliciesTest3EE, 1 2, true, false, false",
      "DifferentPoliciesTest4EE, any, true, false, false",
      "DifferentPoliciesTest5EE, any, true, false, false",
      "OverlappingPoliciesTest6EE, any, false, false, true",
      "OverlappingPoliciesTest6EE, 1, false, false, true",
      "OverlappingPoliciesTest6EE, 2, false, false, false",
      "DifferentPoliciesTest7EE, any, true, false, false",
      "DifferentPoliciesTest8EE, any, true, false, false",
      "DifferentPoliciesTest9EE, any, true, false, false",
      "AllCertificatesSamePoliciesTest10EE, any, false, false, true",
      "AllCertificatesSamePoliciesTest10EE, 1, false, false, true",
      "AllCertificatesSamePoliciesTest10EE, 2, false, false, true",
      "AllCertificatesanyPolicyTest11EE, any, false, false, true",
      "AllCertificatesanyPolicyTest11EE, 1, false, false, true",
      "DifferentPoliciesTest12EE, any, false, false, false",
      "AllCertificatesSamePoliciesTest13EE, 1, false, false, true",
      "AllCertificatesSamePoliciesTest13EE, 2, false, false, true",
      "AllCertificatesSamePoliciesTest13EE, 3, false, false, true",
      "AnyPolicyTest14EE, 1, false, false, true",
      "AnyPolicyTest14EE, 2, false, false, false",
      "UserNoticeQualifierTest15EE, any, false, false, true",
      "UserNoticeQualifierTest16EE, any, false, false, true",
      "UserNoticeQualifierTest17EE, any, false, false, true",
      "UserNoticeQualifierTest18EE, 1, false, false, true",
      "UserNoticeQualifierTest18EE, 2, false, false, true",
      "UserNoticeQualifierTest19EE, any, false, false, true",
      "CPSPointerQualifierTest20EE, any, true, false, true",
      "inhibitAnyPolicyTest3EE, any, false, false, true",
      "inhibitAnyPolicyTest3EE, any, false, true, false",
  })
  void policyTestValidatesUnderItsPkitsSettings(String name, String policies, boolean explicit, boolean inhibitAny,
      boolean valid) throws Exception {
    PathSettings settings = PathSettings.defaults().withInitialPolicies(policySet(policies))
        .withExplicitPolicy(explicit).withAnyPolicyInhibit(inhibitAny);

    PathResult result = validate(name + ".crt", settings);

    assertThat(result.valid()).as("%s: %s", name, result.problem()).isEqualTo(valid);
  }

  @Test
  void everySettingsDependentCertificateHasAPolicyCase() throws IOException {
    Path tsv = dir.resolve("expected-by-filename.tsv");
    long rows = Files.readAllLines(tsv).stream().filter(l -> l.endsWith("\tsettings-dependent")).count();
    assertThat(rows).isEqualTo(20);
  }

  @Test
  void revokedEndEntityIsReportedAsRevoked() throws Exception {
    PathResult result = validate("InvalidRevokedEETest3EE.crt", PathSettings.defaults());

    assertThat(result.problem()).hasValueSatisfying(p -> assertThat(p.code()).as(p.message()).isEqualTo(ProblemCode.CERT_REVOKED));
  }

  @Test
  void expiredEndEntityIsReportedAsExpired() throws Exception {
    PathResult result = validate("InvalidEEnotAfterDateTest6EE.crt", PathSettings.defaults());

    assertThat(result.problem()).hasValueSatisfying(p -> assertThat(p.code()).as(p.message()).isEqualTo(ProblemCode.CERT_EXPIRED));
  }

  @Test
  void validPathEndsAtTheTrustAnchor() throws Exception {
    PathResult result = validate("ValidCertificatePathTest1EE.crt", PathSettings.defaults());

    assertThat(result.chain()).last().isEqualTo(anchor);
  }

  private static PathResult validate(String file, PathSettings settings) throws Exception {
    X509Certificate target = certificate(dir.resolve("certs").resolve(file));
    return PathValidation.validate(target, pool, List.of(anchor), crls, INSIDE_VALIDITY, settings);
  }

  private static Set<String> policySet(String policies) {
    return policies.equals("any") ? Set.of(PathSettings.ANY_POLICY)
        : Arrays.stream(policies.split(" ")).map(n -> POLICY_PREFIX + n).collect(Collectors.toSet());
  }

  private static X509Certificate certificate(Path file) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static X509CRL crl(Path file) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
    }
  }
}
