package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigitalId;
import dev.signet.core.SignOptions;
import dev.signet.core.Smime;
import dev.signet.testkit.RevocationPki;
import dev.signet.testkit.RevocationPki.OcspSigner;
import dev.signet.testkit.RevocationServer;
import dev.signet.testkit.TestPki;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revocation by default: the signer's CRL distribution point and OCSP responder are asked without
 * being told, the answers cached; --offline fetches nothing, and what stays unknown is NO_CRL, a
 * warning or, under SigStatusNoCRL=1, an error.
 */
class RevocationFetchingCliTest {
  private static final String EMAIL = "dave@signet.test";
  private final CliRun signet = CliRun.withPassword();
  private RevocationServer server;
  private RevocationPki pki;
  @TempDir Path dir;
  private Path signed;
  private Path root;
  private Path cache;

  @BeforeEach
  void aSignerWhoseCaPublishesAtALocalServer() throws IOException {
    server = RevocationServer.start();
    pki = new RevocationPki(server, EMAIL);
    root = TestPki.writeCertificatesPem(dir.resolve("root.pem"), List.of(pki.root()));
    cache = dir.resolve("cache");
    signed = dir.resolve("signed.eml");
    try (OutputStream out = Files.newOutputStream(signed)) {
      Smime.withDefaults().sign(new ByteArrayInputStream(("From: " + EMAIL + "\r\n\r\nhello\r\n")
          .getBytes(StandardCharsets.US_ASCII)), SignOptions.defaults(DigitalId.of(pki.signerKey(), pki.signerChain())), out);
    }
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void aSignerRevokedByCrlIsAnErrorWithoutBeingAskedAndTheCrlIsCached() {
    revokeByCrl();
    CliRun.Result r = verify("--fetch-private");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.stderr()).contains("CERT_REVOKED", "CRL from");
    assertThat(cache.toFile().list()).isNotEmpty();
  }

  @Test
  void aSignerRevokedByOcspOnlyIsAnError() {
    answerOcsp(true);
    CliRun.Result r = verify("--fetch-private");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.stderr()).contains("CERT_REVOKED", "OCSP from " + server.url("/ocsp"));
  }

  @Test
  void anOcspAnswerIsKeptUntilItsNextUpdate() {
    answerOcsp(false);
    CliRun.Result first = verify("--fetch-private");
    CliRun.Result second = verify("--fetch-private");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.stdout() + second.stderr()).contains("kept until");
    assertThat(server.requests("/ocsp")).isEqualTo(1);
  }

  @Test
  void whenNeitherCrlNorOcspAnswersRevocationIsAWarning() {
    CliRun.Result r = verify("--fetch-private");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
    assertThat(r.stderr()).contains("NO_CRL", "answered HTTP 404");
  }

  @Test
  void theFetchOptionIsStillAccepted() {
    revokeByCrl();
    CliRun.Result r = verify("--fetch", "--fetch-private");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
  }

  @Test
  void aLoopbackCrlUrlIsNotFetchedUnlessPrivateNetworksAreAllowed() {
    revokeByCrl();
    CliRun.Result r = verify();
    assertThat(r.stderr()).contains("NO_CRL", "loopback or private address");
    assertThat(server.requests("/crl")).isZero();
  }

  @Test
  void offlineNothingIsFetchedAndRevocationIsAWarningThatSaysSo() {
    revokeByCrl();
    CliRun.Result r = verify("--offline", "--fetch-private");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
    assertThat(r.stderr()).contains("NO_CRL", "reading offline");
    assertThat(server.requests("/crl")).isZero();
  }

  @Test
  void offlineUnderSigStatusNoCrlUnknownRevocationIsAnError() throws IOException {
    CliRun.Result r = verify("--offline", "--policy", policy("SigStatusNoCRL=1"));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.stderr()).contains("NO_CRL");
  }

  @Test
  void promoteErrorsAsWarningsMakesThatErrorAWarning() throws IOException {
    CliRun.Result r = verify("--offline", "--policy", policy("SigStatusNoCRL=1\nPromoteErrorsAsWarnings=1"));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
  }

  @Test
  void aCrlGivenOfflineDecides() throws IOException {
    Path crl = dir.resolve("ca.crl");
    Files.write(crl, pki.crl(Duration.ofDays(7), pki.signerCertificate().getSerialNumber()));
    CliRun.Result r = verify("--offline", "--crl", crl.toString());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.stderr()).contains("CERT_REVOKED");
  }

  private void revokeByCrl() {
    server.serve("/crl", pki.crl(Duration.ofDays(7), pki.signerCertificate().getSerialNumber()));
  }

  private void answerOcsp(boolean revoked) {
    server.answer("/ocsp", request -> pki.ocspResponse(request, revoked, OcspSigner.ISSUER, false));
  }

  private String policy(String lines) throws IOException {
    Path file = dir.resolve("policy.txt");
    Files.writeString(file, lines + "\n");
    return file.toString();
  }

  private CliRun.Result verify(String... options) {
    List<String> args = new ArrayList<>(List.of("verify", "--trust", root.toString(), "--cache", cache.toString(),
        "--in", signed.toString()));
    args.addAll(List.of(options));
    return signet.run(args.toArray(String[]::new));
  }
}
