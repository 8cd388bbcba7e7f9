package dev.signet.pki;

import dev.signet.core.Certificates;
import dev.signet.core.SmimeException;
import dev.signet.core.TlsTrust;
import dev.signet.pki.internal.RequestMaker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * An EST client (RFC 7030) that trusts only the CA certificates it is given: enrolls a key with a
 * one-time token over HTTPS and HTTP Basic, and fetches the CA certificates.
 */
public final class EstClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String STATUS_HEADER = "Signet-Status";
  private static final String REASON_HEADER = "Signet-Reason";
  private final URI server;
  private final HttpClient http;

  /**
   * What the server answered: the certificate if issued (and the key, if the server made it), its
   * signed status message, the reason of a rejection, and its text.
   */
  public record Answer(int httpStatus, Optional<X509Certificate> certificate, Optional<PrivateKey> serverMadeKey,
      Optional<byte[]> statusMessage, Optional<CaException.Reason> reason, String text) {
    @Override
    public String toString() {
      return "Answer[" + httpStatus + ", " + text + "]";
    }
  }

  private EstClient(URI server, HttpClient http) {
    this.server = server;
    this.http = http;
  }

  /** A client for {@code server} (https://HOST:PORT) that trusts {@code anchors} and nothing else. */
  public static EstClient to(URI server, List<X509Certificate> anchors) {
    if (!"https".equals(server.getScheme())) {
      throw new IllegalArgumentException("EST needs an https:// server address: " + server);
    }
    if (anchors.isEmpty()) {
      throw new IllegalArgumentException("no trust anchors for " + server);
    }
    return new EstClient(server, HttpClient.newBuilder().sslContext(TlsTrust.clientContext(anchors))
        .connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build());
  }

  /** A PKCS#10 request (DER) for {@code email}, signed with {@code keys}. */
  public static byte[] request(KeyPair keys, String email) {
    return RequestMaker.pkcs10(keys, email);
  }

  /**
   * A PKCS#10 request (DER) for {@code email}'s ML-KEM {@code key}, which cannot sign: signed instead with
   * the key of the person's signing certificate from the same CA, which it names (RFC 9883).
   */
  public static byte[] request(PublicKey key, String email, PrivateKey signingKey, X509Certificate signing) {
    return RequestMaker.vouchedFor(key, email, signingKey, signing);
  }

  /** POSTs {@code csr} to {@code /.well-known/est/PROFILE/simpleenroll} with the address and token. */
  public Answer enroll(String email, String token, byte[] csr, CertificateProfile profile) throws IOException {
    return post(email, token, csr, "/.well-known/est/" + profile.cliName() + "/simpleenroll");
  }

  /** POSTs {@code csr} (naming the mailbox) to {@code /.well-known/est/encryption/serverkeygen}: the server makes the key. */
  public Answer enrollServerKey(String email, String token, byte[] csr) throws IOException {
    return post(email, token, csr, "/.well-known/est/encryption/serverkeygen");
  }

  private Answer post(String email, String token, byte[] csr, String path) throws IOException {
    String credentials = Base64.getEncoder().encodeToString((email + ":" + token).getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(server.resolve(path))
        .timeout(TIMEOUT)
        .header("Content-Type", "application/pkcs10")
        .header("Content-Transfer-Encoding", "base64")
        .header("Authorization", "Basic " + credentials)
        .POST(HttpRequest.BodyPublishers.ofString(Base64.getMimeEncoder().encodeToString(csr)))
        .build();
    HttpResponse<byte[]> response = send(request);
    return answer(response.statusCode(), response.headers(), response.body());
  }

  /** What the server's response says; one that is not an EST answer is an IOException. */
  static Answer answer(int httpStatus, HttpHeaders headers, byte[] body) throws IOException {
    Optional<byte[]> status = headers.firstValue(STATUS_HEADER).flatMap(EstClient::base64);
    if (httpStatus != 200) {
      Optional<CaException.Reason> reason = headers.firstValue(REASON_HEADER).flatMap(EstClient::reason);
      return new Answer(httpStatus, Optional.empty(), Optional.empty(), status, reason,
          new String(body, StandardCharsets.UTF_8).strip());
    }
    if (headers.firstValue("Content-Type").orElse("").startsWith("multipart/mixed")) {
      return keyAndCertificate(body, status);
    }
    return new Answer(200, Optional.of(certificate(body)), Optional.empty(), status, Optional.empty(), "issued");
  }

  /** A status message in base64, as the server sends it; anything else is no status message. */
  private static Optional<byte[]> base64(String text) {
    try {
      return Optional.of(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<CaException.Reason> reason(String name) {
    return Arrays.stream(CaException.Reason.values()).filter(r -> r.name().equals(name)).findFirst();
  }

  private static X509Certificate certificate(byte[] base64) throws IOException {
    return certificates(base64).get(0);
  }

  /** The certificates of a base64 certs-only answer: at least one, or an IOException. */
  static List<X509Certificate> certificates(byte[] base64) throws IOException {
    try {
      return Certificates.read(new ByteArrayInputStream(Base64.getMimeDecoder().decode(base64)));
    } catch (IllegalArgumentException | SmimeException e) {
      throw new IOException("the server's answer holds no certificate: " + e.getMessage(), e);
    }
  }

  /** The two parts of a serverkeygen answer: application/pkcs8, then the certificate. */
  private static Answer keyAndCertificate(byte[] body, Optional<byte[]> status) throws IOException {
    String text = "\n" + new String(body, StandardCharsets.US_ASCII).replace("\r\n", "\n");
    String[] parts = text.split("\n--[^\n]*\n");
    if (parts.length < 3) {
      throw new IOException("a serverkeygen answer without its key and certificate");
    }
    X509Certificate cert = certificate(partBody(parts[2]).getBytes(StandardCharsets.US_ASCII));
    byte[] pkcs8;
    try {
      pkcs8 = Base64.getMimeDecoder().decode(partBody(parts[1]));
    } catch (IllegalArgumentException e) {
      throw new IOException("the server's key is not base64", e);
    }
    try {
      PrivateKey key = KeyFactory.getInstance(cert.getPublicKey().getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      return new Answer(200, Optional.of(cert), Optional.of(key), status, Optional.empty(), "issued with a server-made key");
    } catch (GeneralSecurityException e) {
      throw new IOException("the server's key cannot be read", e);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  private static String partBody(String part) {
    int blank = part.indexOf("\n\n");
    return blank < 0 ? "" : part.substring(blank + 2);
  }

  /** The CA certificates from {@code /.well-known/est/cacerts}. */
  public List<X509Certificate> caCertificates() throws IOException {
    HttpResponse<byte[]> response = send(HttpRequest.newBuilder(server.resolve("/.well-known/est/cacerts"))
        .timeout(TIMEOUT).GET().build());
    if (response.statusCode() != 200) {
      throw new IOException("the server answered " + response.statusCode() + " for the CA certificates");
    }
    return certificates(response.body());
  }

  private HttpResponse<byte[]> send(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
