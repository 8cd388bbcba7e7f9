package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigitalId;
import dev.signet.core.SignOptions;
import dev.signet.core.Smime;
import dev.signet.testkit.RevocationPki;
import dev.signet.testkit.RevocationServer;
import dev.signet.testkit.TestPki;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --fetch and --cache: revocation from the signer's CRL distribution point, off unless asked. */
class RevocationFetchingCliTest {
  private static final String EMAIL = "dave@signet.test";
  private final CliRun signet = CliRun.withPassword();
  private RevocationServer server;
  private RevocationPki pki;
  @TempDir Path dir;
  private Path signed;
  private Path root;

  @BeforeEach
  void aRevokedSignerSignsAMessage() throws IOException {
    server = RevocationServer.start();
    pki = new RevocationPki(server, EMAIL);
    server.serve("/crl", pki.crl(Duration.ofDays(7), pki.signerCertificate().getSerialNumber()));
    root = TestPki.writeCertificatesPem(dir.resolve("root.pem"), List.of(pki.root()));
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
  void withFetchARevokedSignerIsAnErrorAndTheCrlIsCachedInTheGivenFolder() {
    Path cache = dir.resolve("cache");
    CliRun.Result r = signet.run("verify", "--trust", root.toString(), "--fetch", "--fetch-private", "--cache",
        cache.toString(), "--in", signed.toString());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.stderr()).contains("CERT_REVOKED");
    assertThat(cache.toFile().list()).isNotEmpty();
  }

  @Test
  void withFetchButNotFetchPrivateALoopbackCrlUrlIsNotFetched() {
    CliRun.Result r = signet.run("verify", "--trust", root.toString(), "--fetch", "--cache",
        dir.resolve("cache").toString(), "--in", signed.toString());
    assertThat(r.stderr()).contains("NO_CRL", "loopback or private address");
    assertThat(server.requests("/crl")).isZero();
  }

  @Test
  void withoutFetchNothingIsFetchedAndTheSignatureIsValid() {
    CliRun.Result r = signet.run("verify", "--trust", root.toString(), "--in", signed.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(server.requests("/crl")).isZero();
  }
}
