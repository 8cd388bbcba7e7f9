package dev.signet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.Certificates;
import dev.signet.core.KeyType;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.SignerReport;
import dev.signet.core.Smime;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.EnrollmentToken;
import dev.signet.pki.RevocationReason;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.LoopbackPorts;
import dev.signet.testkit.ProcessRunner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `signet serve`'s CA services driven by OpenSSL and curl, as another implementation would. */
class CaServicesTest {
  private static final char[] PASSPHRASE = "service test passphrase".toCharArray();
  private static Path data;
  private static Service service;
  private static CertificateAuthority ca;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws IOException {
    data = Files.createTempDirectory("signet-serve");
    int httpPort = LoopbackPorts.free();
    try (CertificateAuthority setup = CertificateAuthority.open(CaDatabase.inDataFolder(data))) {
      setup.init("CN=Service Test CA", KeyType.RSA_3072, "http://127.0.0.1:" + httpPort, PASSPHRASE, "test");
    }
    service = Service.start(ServiceConfig.defaults(data).withHost("127.0.0.1").withPorts(httpPort, 0), PASSPHRASE);
    ca = CertificateAuthority.open(CaDatabase.inDataFolder(data));
  }

  @AfterAll
  static void stop() {
    ca.close();
    service.close();
  }

  private String https(String path) {
    return "https://127.0.0.1:" + service.httpsPort() + path;
  }

  private String http(String path) {
    return "http://127.0.0.1:" + service.httpPort() + path;
  }

  private void writeCaFiles() throws IOException {
    Files.writeString(dir.resolve("root.pem"), CertificateAuthority.pem(List.of(ca.caCertificates().get(1))));
    Files.writeString(dir.resolve("issuing.pem"), CertificateAuthority.pem(List.of(ca.caCertificates().get(0))));
  }

  /** An OpenSSL-made key and request for {@code email}, as base64 DER for EST. */
  private void openSslRequest(String email) {
    run("openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
        "key.pem", "-subj", "/CN=" + email, "-addext", "subjectAltName=email:" + email, "-outform", "DER", "-out", "req.der");
    run("openssl", "base64", "-in", "req.der", "-out", "req.b64");
  }

  private ProcessRunner.Result curlEnroll(String email, EnrollmentToken token) {
    return ProcessRunner.run(dir, Map.of(), new byte[0], List.of("curl", "-sS", "--cacert", "root.pem",
        "-u", email + ":" + token.secret(), "-H", "Content-Type: application/pkcs10", "--data-binary", "@req.b64",
        "-D", "headers.txt", "-o", "answer.b64", "-w", "%{http_code}", https("/.well-known/est/simpleenroll")));
  }

  @Test
  void curlEnrollsWithAnOpenSslRequestAndOpenSslVerifiesTheCertificate() throws IOException {
    ExternalTool.CURL.require();
    ExternalTool.OPENSSL.require();
    writeCaFiles();
    openSslRequest("quinn@example.org");
    EnrollmentToken token = ca.token("quinn@example.org", Optional.empty(), Duration.ofHours(1), "test");

    assertThat(curlEnroll("quinn@example.org", token).stdoutText()).isEqualTo("200");
    run("openssl", "base64", "-d", "-in", "answer.b64", "-out", "answer.p7");
    run("openssl", "pkcs7", "-inform", "DER", "-in", "answer.p7", "-print_certs", "-out", "quinn.pem");
    assertThat(run("openssl", "verify", "-purpose", "smimesign", "-CAfile", "root.pem", "-untrusted", "issuing.pem",
        "quinn.pem").stdoutText()).contains("quinn.pem: OK");
  }

  @Test
  void aReusedTokenIsRefusedWithASignedStatusMessage() throws IOException {
    ExternalTool.CURL.require();
    ExternalTool.OPENSSL.require();
    writeCaFiles();
    openSslRequest("rita@example.org");
    EnrollmentToken token = ca.token("rita@example.org", Optional.empty(), Duration.ofHours(1), "test");
    curlEnroll("rita@example.org", token);

    assertThat(curlEnroll("rita@example.org", token).stdoutText()).isEqualTo("401");
    assertThat(Files.readString(dir.resolve("answer.b64"))).contains("TOKEN_USED");
    String status = Files.readAllLines(dir.resolve("headers.txt")).stream()
        .filter(h -> h.toLowerCase().startsWith("signet-status:")).findFirst().orElseThrow();
    byte[] message = Base64.getDecoder().decode(status.substring(status.indexOf(':') + 1).strip());
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    SecurityReport report = Smime.withDefaults().read(new ByteArrayInputStream(message),
        ReadOptions.verify(List.of(ca.caCertificates().get(1))), content);
    assertThat(report.signers()).singleElement().satisfies(s -> {
      assertThat(s.signatureValid()).isTrue();
      assertThat(s.trust()).isEqualTo(SignerReport.Trust.TRUSTED);
    });
    assertThat(content.toString(StandardCharsets.UTF_8)).contains("Rejected (TOKEN_USED)");
  }

  @Test
  void theHolderOfACertificateReenrollsByShowingItOverTls() throws IOException {
    ExternalTool.CURL.require();
    ExternalTool.OPENSSL.require();
    writeCaFiles();
    enrollWithOpenSslAndCurl("tom@example.org", "tom.pem");
    Files.writeString(dir.resolve("client.pem"), Files.readString(dir.resolve("tom.pem"))
        + Files.readString(dir.resolve("issuing.pem")));
    run("openssl", "req", "-new", "-key", "key.pem", "-subj", "/CN=tom@example.org", "-addext",
        "subjectAltName=email:tom@example.org", "-outform", "DER", "-out", "renew.der");
    run("openssl", "base64", "-in", "renew.der", "-out", "renew.b64");

    ProcessRunner.Result renewed = run("curl", "-sS", "--cacert", "root.pem", "--cert", "client.pem", "--key", "key.pem",
        "-H", "Content-Type: application/pkcs10", "--data-binary", "@renew.b64", "-o", "renewed.b64", "-w", "%{http_code}",
        https("/.well-known/est/simplereenroll"));
    ProcessRunner.Result anonymous = run("curl", "-sS", "--cacert", "root.pem", "-H", "Content-Type: application/pkcs10",
        "--data-binary", "@renew.b64", "-o", "/dev/null", "-w", "%{http_code}", https("/.well-known/est/simplereenroll"));

    assertThat(renewed.stdoutText()).isEqualTo("200");
    assertThat(anonymous.stdoutText()).isEqualTo("401");
    assertThat(ca.certificatesFor("tom@example.org")).hasSize(2);
  }

  @Test
  void serverKeyGenAnswersWithAKeyAndItsCertificateAsRfc7030Says() throws IOException {
    ExternalTool.CURL.require();
    ExternalTool.OPENSSL.require();
    writeCaFiles();
    openSslRequest("uli@example.org");
    EnrollmentToken token = ca.token("uli@example.org", Optional.empty(), Duration.ofHours(1), "test");

    ProcessRunner.Result r = run("curl", "-sS", "--cacert", "root.pem", "-u", "uli@example.org:" + token.secret(),
        "-H", "Content-Type: application/pkcs10", "--data-binary", "@req.b64", "-o", "answer.txt",
        "-w", "%{http_code} %{content_type}", https("/.well-known/est/encryption/serverkeygen"));

    assertThat(r.stdoutText()).startsWith("200 multipart/mixed; boundary=");
    String[] parts = Files.readString(dir.resolve("answer.txt")).split("\r\n--[^\r\n]*\r\n|^--[^\r\n]*\r\n");
    assertThat(parts[1]).startsWith("Content-Type: application/pkcs8");
    assertThat(parts[2]).startsWith("Content-Type: application/pkcs7-mime; smime-type=certs-only");
    Files.writeString(dir.resolve("key.b64"), parts[1].substring(parts[1].indexOf("\r\n\r\n") + 4));
    Files.writeString(dir.resolve("cert.b64"), parts[2].substring(parts[2].indexOf("\r\n\r\n") + 4));
    run("openssl", "base64", "-d", "-in", "key.b64", "-out", "key.der");
    run("openssl", "base64", "-d", "-in", "cert.b64", "-out", "cert.p7");
    run("openssl", "pkcs7", "-inform", "DER", "-in", "cert.p7", "-print_certs", "-out", "uli.pem");
    String fromKey = run("openssl", "pkey", "-inform", "DER", "-in", "key.der", "-pubout").stdoutText();
    String fromCert = run("openssl", "x509", "-in", "uli.pem", "-noout", "-pubkey").stdoutText();
    assertThat(fromKey).isEqualTo(fromCert);
  }

  @Test
  void estIsNotServedOverPlainHttp() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        http("/.well-known/est/simpleenroll"))).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(403);
  }

  @Test
  void cacertsServesTheIssuingAndRootCertificates() throws IOException {
    ExternalTool.CURL.require();
    ExternalTool.OPENSSL.require();
    writeCaFiles();
    run("curl", "-sS", "--fail", "--cacert", "root.pem", "-o", "cacerts.b64", https("/.well-known/est/cacerts"));
    run("openssl", "base64", "-d", "-in", "cacerts.b64", "-out", "cacerts.p7");
    String certs = run("openssl", "pkcs7", "-inform", "DER", "-in", "cacerts.p7", "-print_certs").stdoutText();
    assertThat(certs).contains("CN = Service Test CA Root").contains("subject=CN = Service Test CA\n");
  }

  @Test
  void openSslOcspSeesGoodThenRevokedAndTheCrlAtTheDistributionPointListsTheSerial() throws Exception {
    ExternalTool.CURL.require();
    ExternalTool.OPENSSL.require();
    writeCaFiles();
    enrollWithOpenSslAndCurl("sam@example.org", "sam.pem");
    X509Certificate sam = Certificates.read(Files.newInputStream(dir.resolve("sam.pem"))).get(0);
    List<String> ocsp = new ArrayList<>(List.of("openssl", "ocsp", "-issuer", "issuing.pem", "-cert", "sam.pem",
        "-url", http("/ocsp"), "-CAfile", "root.pem"));

    assertThat(run(ocsp.toArray(String[]::new)).stdoutText()).contains("sam.pem: good");
    ca.revoke(sam.getSerialNumber().toString(16), RevocationReason.KEY_COMPROMISE, "test");
    assertThat(run(ocsp.toArray(String[]::new)).stdoutText()).contains("sam.pem: revoked")
        .contains("Reason: keyCompromise");

    byte[] crlBytes = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http("/crl/issuing.crl"))).build(),
        HttpResponse.BodyHandlers.ofByteArray()).body();
    X509CRL crl = Certificates.readCrls(new ByteArrayInputStream(crlBytes)).get(0);
    assertThat(crl.getRevokedCertificate(sam.getSerialNumber())).isNotNull();
    crl.verify(ca.caCertificates().get(0).getPublicKey());
  }

  private ProcessRunner.Result run(String... command) {
    ProcessRunner.Result r = ProcessRunner.run(dir, Map.of(), new byte[0], List.of(command));
    assertThat(r.exitCode()).as(String.join(" ", command) + "\n" + r.stderr()).isZero();
    return r;
  }

  /** An OpenSSL-made request enrolled with curl and a fresh token; the certificate goes to {@code pem}. */
  private void enrollWithOpenSslAndCurl(String address, String pem) throws IOException {
    openSslRequest(address);
    EnrollmentToken token = ca.token(address, Optional.empty(), Duration.ofHours(1), "test");
    curlEnroll(address, token);
    run("openssl", "base64", "-d", "-in", "answer.b64", "-out", "answer.p7");
    run("openssl", "pkcs7", "-inform", "DER", "-in", "answer.p7", "-print_certs", "-out", pem);
  }
}
