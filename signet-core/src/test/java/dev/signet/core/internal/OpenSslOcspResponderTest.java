package dev.signet.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.Certificates;
import dev.signet.core.RevocationFetching;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real OCSP responder, {@code openssl ocsp -port}, which answers "malformedrequest" to a request
 * line carrying the absolute URL: Signet's request reaches it and its answer is believed.
 */
class OpenSslOcspResponderTest {
  @TempDir Path dir;
  private Process responder;
  private int port;

  @BeforeEach
  void aCaThatRevokedItsSignerAnswersOcsp() throws IOException, InterruptedException {
    ExternalTool.OPENSSL.require();
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key",
        "-out", "ca.pem", "-subj", "/CN=OCSP Test CA", "-days", "2", "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "signer.key",
        "-out", "signer.csr", "-subj", "/CN=Revoked Signer");
    openssl("x509", "-req", "-in", "signer.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "0x5E71",
        "-days", "1", "-out", "signer.pem");
    Files.writeString(dir.resolve("index.txt"), "R\t301231000000Z\t250101000000Z,keyCompromise\t5E71\tunknown\t"
        + "/CN=Revoked Signer\n");
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    responder = new ProcessBuilder(ExternalTool.OPENSSL.command(), "ocsp", "-port", String.valueOf(port), "-index",
        "index.txt", "-CA", "ca.pem", "-rsigner", "ca.pem", "-rkey", "ca.key")
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("responder.log").toFile()).start();
    awaitListening();
  }

  @AfterEach
  void stopResponder() {
    if (responder != null) {
      responder.destroy();
    }
  }

  @Test
  void theResponderAnswersThatTheSignerIsRevoked() throws IOException {
    X509Certificate ca = certificate("ca.pem");
    X509Certificate signer = certificate("signer.pem");
    HttpFetcher fetcher = new HttpFetcher(RevocationFetching.cachingIn(dir.resolve("cache")).withPrivateNetworks());
    OcspClient.Answer answer = new OcspClient(fetcher, new SecureRandom(), Clock.systemUTC())
        .ask(signer, ca, URI.create("http://127.0.0.1:" + port + "/"));
    assertThat(answer.believed()).as(answer.note()).isTrue();
    assertThat(answer.revokedAt()).isPresent();
  }

  private void openssl(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of(ExternalTool.OPENSSL.command()));
    command.addAll(List.of(args));
    ProcessRunner.Result r = ProcessRunner.run(dir, Map.of(), new byte[0], command);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
  }

  private X509Certificate certificate(String name) throws IOException {
    try (InputStream in = Files.newInputStream(dir.resolve(name))) {
      return Certificates.read(in).get(0);
    }
  }

  /** Waits for the responder to say it listens: a probing connection would hold up this one-at-a-time server. */
  private void awaitListening() throws IOException, InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (Files.readString(dir.resolve("responder.log")).contains("waiting for OCSP client connections")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("openssl ocsp did not start listening on port " + port);
  }
}
