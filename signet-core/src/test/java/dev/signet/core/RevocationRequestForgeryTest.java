package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.SignerReport.Revocation;
import dev.signet.testkit.RevocationPki;
import dev.signet.testkit.RevocationPki.OcspSigner;
import dev.signet.testkit.RevocationServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server-side request forgery through a certificate: the CRL, delta-CRL and OCSP URLs in a signer's
 * certificate are the sender's choice, so a reader fetching them must not be made to reach its own
 * machine or network. Here they point at 127.0.0.1, where a server that would answer is listening.
 */
class RevocationRequestForgeryTest {
  private static final String EMAIL = "mallory@signet.test";
  private RevocationServer server;
  private RevocationPki pki;
  @TempDir Path cache;

  @BeforeEach
  void aCertificateWhoseRevocationUrlsPointAtLoopback() {
    server = RevocationServer.start();
    pki = new RevocationPki(server, EMAIL);
    server.serve("/crl", pki.crl(Duration.ofDays(7)));
    server.serve("/delta", pki.deltaCrl(pki.lastCrlNumber()));
    server.answer("/ocsp", request -> pki.ocspResponse(request, false, OcspSigner.ISSUER, false));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void byDefaultNoLoopbackUrlIsFetchedAndTheReportSaysWhy() throws IOException {
    SecurityReport report = read(RevocationFetching.cachingIn(cache));
    assertThat(server.requests("/crl") + server.requests("/delta") + server.requests("/ocsp")).isZero();
    assertThat(report.signers().get(0).revocation()).isEqualTo(Revocation.UNKNOWN);
    assertThat(report.problems()).filteredOn(p -> p.code() == ProblemCode.NO_CRL).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("loopback or private address"));
  }

  @Test
  void anOrganisationThatAllowsPrivateNetworksGetsItsAnswer() throws IOException {
    SecurityReport report = read(RevocationFetching.cachingIn(cache).withPrivateNetworks());
    assertThat(server.requests("/crl")).isPositive();
    assertThat(report.signers().get(0).revocation()).isEqualTo(Revocation.GOOD);
  }

  private SecurityReport read(RevocationFetching fetching) throws IOException {
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    Smime.withDefaults().sign(new ByteArrayInputStream(("From: " + EMAIL + "\r\nSubject: hi\r\n\r\nhello\r\n")
        .getBytes(StandardCharsets.US_ASCII)), SignOptions.defaults(DigitalId.of(pki.signerKey(), pki.signerChain())),
        signed);
    return Smime.withDefaults().read(new ByteArrayInputStream(signed.toByteArray()),
        ReadOptions.verify(List.of(pki.root())).withFetching(fetching), OutputStream.nullOutputStream());
  }
}
