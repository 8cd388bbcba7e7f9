package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.SignerReport.Revocation;
import dev.signet.testkit.RevocationPki;
import dev.signet.testkit.RevocationPki.OcspSigner;
import dev.signet.testkit.RevocationServer;
import dev.signet.testkit.TestPki;
import dev.signet.testkit.TestPki.KeyKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revocation fetched for real from a local HTTP server: CRLs at the certificate's distribution
 * point (cached on disk), delta CRLs, OCSP at its AIA URL; and what the report says when the
 * server is wrong, slow or gone.
 */
class RevocationTest {
  private static final String EMAIL = "carol@signet.test";
  private static final Duration WEEK = Duration.ofDays(7);
  private RevocationServer server;
  private RevocationPki pki;
  private BigInteger serial;
  @TempDir Path cache;

  @BeforeEach
  void startServer() {
    server = RevocationServer.start();
    pki = new RevocationPki(server, EMAIL);
    serial = pki.signerCertificate().getSerialNumber();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void aCurrentCrlThatDoesNotListTheSignerMakesRevocationGood() throws IOException {
    server.serve("/crl", pki.crl(WEEK));
    SecurityReport report = read(fetching());
    assertThat(report.signers().get(0).revocation()).isEqualTo(Revocation.GOOD);
    assertThat(report.verdict()).isEqualTo(Verdict.VALID);
    assertThat(report.problems()).filteredOn(p -> p.code() == ProblemCode.REVOCATION_CHECKED).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("judged at", "time of reading", "CRL from"));
  }

  @Test
  void aSignerListedOnTheFetchedCrlIsRevoked() throws IOException {
    server.serve("/crl", pki.crl(WEEK, serial));
    assertRevoked(read(fetching()));
  }

  @Test
  void aDeltaCrlRevokesASignerTheBaseCrlDoesNotList() throws IOException {
    server.serve("/crl", pki.crl(WEEK));
    server.serve("/delta", pki.deltaCrl(pki.lastCrlNumber(), serial));
    assertRevoked(read(fetching()));
  }

  @Test
  void anOcspResponderSayingRevokedRevokesWhenNoCrlIsServed() throws IOException {
    server.answer("/ocsp", request -> pki.ocspResponse(request, true, OcspSigner.ISSUER, false));
    SecurityReport report = read(fetching());
    assertRevoked(report);
    assertThat(server.requests("/ocsp")).isEqualTo(1);
  }

  @Test
  void aDelegatedOcspResponderIsBelievedWhenTheIssuerCertifiedIt() throws IOException {
    server.answer("/ocsp", request -> pki.ocspResponse(request, false, OcspSigner.DELEGATED_RESPONDER, false));
    SecurityReport report = read(fetching());
    assertThat(report.signers().get(0).revocation()).isEqualTo(Revocation.GOOD);
    assertThat(report.verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void anOcspResponseSignedByAStrangerIsNotBelievedSoThereIsNoRevocationInformation() throws IOException {
    server.answer("/ocsp", request -> pki.ocspResponse(request, true, OcspSigner.STRANGER, false));
    assertNoRevocationInformation(read(fetching()), "not signed by the issuer");
  }

  @Test
  void anOcspResponseWithAnotherNonceIsNotBelievedSoThereIsNoRevocationInformation() throws IOException {
    server.answer("/ocsp", request -> pki.ocspResponse(request, true, OcspSigner.ISSUER, true));
    assertNoRevocationInformation(read(fetching()), "nonce");
  }

  @Test
  void anOutOfDateCrlIsCrlExpired() throws IOException {
    server.serve("/crl", pki.crl(Duration.ofDays(-1)));
    SecurityReport report = read(fetching());
    assertThat(report.problems()).extracting(Problem::code).contains(ProblemCode.CRL_EXPIRED);
    assertThat(report.signers().get(0).revocation()).isEqualTo(Revocation.UNKNOWN);
    assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
  }

  @Test
  void aFetchedCrlIsCachedUntilItsNextUpdateSoASecondReadDoesNotAskTheServer() throws IOException {
    server.serve("/crl", pki.crl(WEEK));
    read(fetching());
    SecurityReport second = read(fetching());
    assertThat(second.signers().get(0).revocation()).isEqualTo(Revocation.GOOD);
    assertThat(server.requests("/crl")).isEqualTo(1);
  }

  @Test
  void anUnreachableServerMeansNoRevocationInformation() throws IOException {
    server.close();
    assertNoRevocationInformation(read(fetching()), "no CRL from");
  }

  @Test
  void aServerSlowerThanTheTimeoutMeansNoRevocationInformationWithinBoundedTime() throws IOException {
    server.serve("/crl", pki.crl(WEEK));
    server.slowDownBy(Duration.ofSeconds(30));
    Instant start = Instant.now();
    SecurityReport report = read(fetching().withTimeout(Duration.ofMillis(500)).withBudget(Duration.ofSeconds(2)));
    assertNoRevocationInformation(report, "did not answer");
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void withoutFetchingNothingIsAskedAndRevocationIsUnknownSayingWhy() throws IOException {
    server.serve("/crl", pki.crl(WEEK, serial));
    SecurityReport report = read(RevocationFetching.off());
    assertThat(report.signers().get(0).revocation()).isEqualTo(Revocation.UNKNOWN);
    assertThat(report.problems()).filteredOn(p -> p.code() == ProblemCode.NO_CRL).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("reading offline", server.url("/crl").toString()));
    assertThat(report.problems()).extracting(Problem::code).doesNotContain(ProblemCode.CERT_REVOKED);
    assertThat(server.requests("/crl")).isZero();
  }

  @Test
  void aCertificateThatNamesNoRevocationSourceIsNotCheckedWithoutCrls() throws IOException {
    TestPki plain = TestPki.get();
    TestPki.Identity signer = plain.identity(KeyKind.RSA_2048);
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    Smime.withDefaults().sign(new ByteArrayInputStream(("From: " + signer.email() + "\r\n\r\nhi\r\n").getBytes(
        StandardCharsets.US_ASCII)), SignOptions.defaults(DigitalId.of(signer.privateKey(), signer.chain())), signed);
    SecurityReport report = Smime.withDefaults().read(new ByteArrayInputStream(signed.toByteArray()),
        ReadOptions.verify(plain.anchors()), OutputStream.nullOutputStream());
    assertThat(report.problems()).extracting(Problem::code)
        .doesNotContain(ProblemCode.NO_CRL, ProblemCode.REVOCATION_CHECKED);
  }

  @Test
  void aCrlFileGivenInTheOptionsIsUsedWithoutFetching() throws Exception {
    var crl = Certificates.readCrls(new ByteArrayInputStream(pki.crl(WEEK, serial)));
    assertRevoked(read(ReadOptions.verify(List.of(pki.root())).withCrls(crl)));
  }

  // ---------------------------------------------------------------------------------------------

  private RevocationFetching fetching() {
    return RevocationFetching.cachingIn(cache).withPrivateNetworks(); // the test's server is on loopback
  }

  private SecurityReport read(RevocationFetching fetching) throws IOException {
    return read(ReadOptions.verify(List.of(pki.root())).withFetching(fetching));
  }

  private SecurityReport read(ReadOptions options) throws IOException {
    return Smime.withDefaults().read(new ByteArrayInputStream(signedMessage()), options, OutputStream.nullOutputStream());
  }

  private byte[] signedMessage() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Smime.withDefaults().sign(new ByteArrayInputStream(("From: " + EMAIL + "\r\nSubject: hi\r\n\r\nhello\r\n")
        .getBytes(StandardCharsets.US_ASCII)), SignOptions.defaults(DigitalId.of(pki.signerKey(), pki.signerChain())), out);
    return out.toByteArray();
  }

  private static void assertRevoked(SecurityReport report) {
    assertThat(report.signers().get(0).revocation()).isEqualTo(Revocation.REVOKED);
    assertThat(report.problems()).filteredOn(p -> p.code() == ProblemCode.CERT_REVOKED).singleElement()
        .satisfies(p -> assertThat(p.severity()).isEqualTo(Severity.ERROR));
    assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
  }

  private static void assertNoRevocationInformation(SecurityReport report, String why) {
    assertThat(report.signers().get(0).revocation()).isEqualTo(Revocation.UNKNOWN);
    assertThat(report.problems()).filteredOn(p -> p.code() == ProblemCode.NO_CRL).singleElement()
        .satisfies(p -> assertThat(p.message()).contains(why));
    assertThat(report.has(ProblemCode.CERT_REVOKED)).isFalse();
  }
}
