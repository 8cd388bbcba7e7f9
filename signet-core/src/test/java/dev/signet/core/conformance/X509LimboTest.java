package dev.signet.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.core.PathResult;
import dev.signet.core.PathSettings;
import dev.signet.core.PathValidation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * x509-limbo, read in place: every case of the rfc5280, pathlen, crl, pathological and cve groups
 * is judged by {@link PathValidation} (strict RFC 5280 profile, the case's key purposes, chain
 * depth, CRLs and time) and must match its expected result, each within a time bound. Other groups
 * (web PKI rules) and the cases whose outcome rests on matching a DNS or IP peer name (TLS host-name
 * rules) are SKIPPED, never counted as passed. Results go to target/limbo-results.json.
 */
class X509LimboTest {
  private static final Set<String> JUDGED_GROUPS = Set.of("rfc5280", "pathlen", "crl", "pathological", "cve");
  /** Cases that test only how a DNS or IP peer name matches the leaf's names: a TLS rule. */
  private static final Set<String> HOST_NAME_CASES = Set.of(
      "rfc5280::san::underscore-dns", "rfc5280::san::ip-in-dns", "rfc5280::ca-as-leaf-wrong-san");
  private static final Map<String, String> KEY_PURPOSES = Map.of(
      "serverAuth", "1.3.6.1.5.5.7.3.1", "clientAuth", "1.3.6.1.5.5.7.3.2", "codeSigning", "1.3.6.1.5.5.7.3.3",
      "emailProtection", PathSettings.EMAIL_PROTECTION, "timeStamping", "1.3.6.1.5.5.7.3.8",
      "OCSPSigning", "1.3.6.1.5.5.7.3.9", "anyExtendedKeyUsage", "2.5.29.37.0");
  /**
   * Judged cases where Signet knowingly disagrees, each with the reason; the test asserts the
   * actual behaviour so that a change is noticed.
   */
  private static final Map<String, String> KNOWN_DIVERGENCES = Map.of(
      "cve::cve-2024-0567", "the builder returns the first path it finds, through the cross-signed Root A"
          + " that has no authority key identifier; the strict profile then refuses that path instead of"
          + " trying the shorter one through the self-signed Root A");
  private static final Duration PER_CASE = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, ObjectNode> RESULTS = new TreeMap<>();

  @TestFactory
  Stream<DynamicTest> judgedCasesMatchTheirExpectedResult() throws IOException {
    JsonNode limbo;
    try (var in = X509LimboTest.class.getResourceAsStream("x509-limbo/limbo.json")) { // the project's copy
      limbo = JSON.readTree(in);
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode testcase : limbo.get("testcases")) {
      String id = testcase.get("id").asText();
      String skip = skipReason(id);
      if (skip != null) {
        record(id, "SKIPPED", skip);
      } else {
        tests.add(DynamicTest.dynamicTest(id, () -> judgedCaseMatches(testcase)));
      }
    }
    return tests.stream();
  }

  private static void judgedCaseMatches(JsonNode testcase) {
    String id = testcase.get("id").asText();
    String[] verdict = assertTimeoutPreemptively(PER_CASE, () -> judge(testcase), id + " took too long");
    record(id, verdict[0], verdict[1]);
    String expected = testcase.get("expected_result").asText();
    if (KNOWN_DIVERGENCES.containsKey(id)) {
      assertThat(verdict[0]).as("known divergence %s: %s", id, KNOWN_DIVERGENCES.get(id)).isNotEqualTo(expected);
      return;
    }
    assertThat(verdict[0]).as("%s: %s", id, verdict[1]).isEqualTo(expected);
  }

  private static String skipReason(String id) {
    String group = id.substring(0, id.indexOf("::"));
    if (!JUDGED_GROUPS.contains(group)) {
      return "group " + group + " is not judged (web PKI or TLS rules)";
    }
    return HOST_NAME_CASES.contains(id) ? "DNS/IP host-name matching is a TLS rule" : null;
  }

  /** Returns {actual result, context}. */
  private static String[] judge(JsonNode testcase) {
    try {
      X509Certificate leaf = certificate(testcase.get("peer_certificate").asText());
      List<X509Certificate> intermediates = certificates(testcase.get("untrusted_intermediates"));
      List<X509Certificate> anchors = certificates(testcase.get("trusted_certs"));
      List<X509CRL> crls = new ArrayList<>();
      for (JsonNode pem : testcase.get("crls")) {
        crls.add(crl(pem.asText()));
      }
      if (!keyUsageAllows(leaf, testcase.get("key_usage"))) {
        return new String[] {"FAILURE", "the leaf's key usage lacks " + testcase.get("key_usage")};
      }
      PathResult result = PathValidation.validate(leaf, intermediates, anchors, crls, time(testcase),
          settings(testcase));
      return result.valid() ? new String[] {"SUCCESS", "valid path of " + result.chain().size()}
          : new String[] {"FAILURE", result.problem().orElseThrow().code() + ": " + result.problem().get().message()};
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return new String[] {"FAILURE", "a certificate or CRL is not well formed: " + e.getMessage()};
    }
  }

  private static PathSettings settings(JsonNode testcase) {
    PathSettings settings = PathSettings.defaults().withStrictProfile(true);
    JsonNode depth = testcase.get("max_chain_depth");
    if (depth != null && !depth.isNull()) {
      settings = settings.withMaxChainLength(depth.asInt());
    }
    List<String> purposes = new ArrayList<>();
    testcase.get("extended_key_usage").forEach(p -> purposes.add(KEY_PURPOSES.getOrDefault(p.asText(), p.asText())));
    return settings.withRequiredExtendedKeyUsages(Set.copyOf(purposes));
  }

  private static boolean keyUsageAllows(X509Certificate leaf, JsonNode required) {
    boolean[] usage = leaf.getKeyUsage();
    for (JsonNode name : required) {
      if (usage != null && name.asText().equals("digitalSignature") && !usage[0]) {
        return false;
      }
    }
    return true;
  }

  private static Instant time(JsonNode testcase) {
    JsonNode at = testcase.get("validation_time");
    return at == null || at.isNull() ? Instant.now() : OffsetDateTime.parse(at.asText()).toInstant();
  }

  private static List<X509Certificate> certificates(JsonNode pems) throws GeneralSecurityException {
    List<X509Certificate> out = new ArrayList<>();
    for (JsonNode pem : pems) {
      out.add(certificate(pem.asText()));
    }
    return out;
  }

  private static X509Certificate certificate(String pem) throws GeneralSecurityException {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  private static X509CRL crl(String pem) throws GeneralSecurityException {
    return (X509CRL) CertificateFactory.getInstance("X.509")
        .generateCRL(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  private static synchronized void record(String id, String actual, String context) {
    ObjectNode result = JSON.createObjectNode();
    result.put("id", id);
    result.put("actual_result", actual);
    result.put("context", context);
    RESULTS.put(id, result);
  }

  @AfterAll
  static void writeResults() throws IOException {
    ObjectNode out = JSON.createObjectNode();
    out.put("version", 1);
    out.put("harness", "signet");
    ArrayNode results = out.putArray("results");
    RESULTS.values().forEach(results::add);
    Path file = Path.of("target", "limbo-results.json");
    Files.createDirectories(file.getParent());
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), out);
  }
}
