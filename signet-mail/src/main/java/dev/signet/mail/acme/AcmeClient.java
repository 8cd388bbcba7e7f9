package dev.signet.mail.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.core.Deadline;
import dev.signet.core.TlsTrust;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ACME client (RFC 8555) for one S/MIME certificate: an account with an ES256 key, an order for a
 * mailbox whose email-reply-00 challenge (RFC 8823) is answered by mail elsewhere, and finalization
 * with a certificate request. It trusts only the CAs it is given for the server's TLS, and keeps the
 * server's Replay-Nonce for the next request.
 */
public final class AcmeClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String CHALLENGE_TYPE = "email-reply-00";
  private final HttpClient http;
  private final JsonNode directory;
  private final KeyPair accountKey;
  private final Duration pollInterval;
  private String nonce = "";
  private String account = "";

  /** The email-reply-00 challenge: where to say it is answered, who mails it, and token-part2. */
  public record Challenge(URI url, String from, String token) {}

  /** An order for one mailbox: its URL, its authorization's, where to finalize it, and its challenge. */
  public record Order(URI url, URI authorization, URI finalizeUrl, Challenge challenge) {}

  private AcmeClient(HttpClient http, JsonNode directory, KeyPair accountKey, Duration pollInterval) {
    this.http = http;
    this.directory = directory;
    this.accountKey = accountKey;
    this.pollInterval = pollInterval;
  }

  /**
   * Reads the directory at {@code directoryUrl} (https), trusting {@code anchors} for TLS (the
   * system's CAs when empty); requests are signed with {@code accountKey}, an EC P-256 key.
   */
  public static AcmeClient connect(URI directoryUrl, List<X509Certificate> anchors, KeyPair accountKey,
      Duration pollInterval) throws IOException {
    if (!"https".equals(directoryUrl.getScheme())) {
      throw new IllegalArgumentException("ACME needs an https:// directory URL: " + directoryUrl);
    }
    if (!(accountKey.getPublic() instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
      throw new IllegalArgumentException("the account key is an EC P-256 key (ES256)");
    }
    HttpClient http = HttpClient.newBuilder().sslContext(TlsTrust.clientContext(anchors)).connectTimeout(TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<byte[]> answer = send(http, HttpRequest.newBuilder(directoryUrl).timeout(TIMEOUT).GET().build());
    if (answer.statusCode() != 200) {
      throw new AcmeException(directoryUrl + " is not an ACME directory (HTTP " + answer.statusCode() + ")");
    }
    return new AcmeClient(http, json(answer.body(), directoryUrl), accountKey, pollInterval);
  }

  /** Creates the account of this key (or finds it), agreeing to the terms, with {@code email} as contact. */
  public void register(String email) throws IOException {
    ObjectNode payload = JSON.createObjectNode().put("termsOfServiceAgreed", true);
    payload.putArray("contact").add("mailto:" + email);
    HttpResponse<byte[]> answer = post(endpoint("newAccount"), payload);
    account = answer.headers().firstValue("Location")
        .orElseThrow(() -> new AcmeException("the server named no account URL"));
  }

  /** Orders a certificate for the mailbox {@code email}, and reads its email-reply-00 challenge. */
  public Order order(String email) throws IOException {
    ObjectNode payload = JSON.createObjectNode();
    payload.putArray("identifiers").addObject().put("type", "email").put("value", email);
    HttpResponse<byte[]> answer = post(endpoint("newOrder"), payload);
    URI url = URI.create(answer.headers().firstValue("Location")
        .orElseThrow(() -> new AcmeException("the server named no order URL")));
    JsonNode order = json(answer.body(), url);
    URI authorization = URI.create(order.path("authorizations").path(0).asText());
    JsonNode challenges = fetch(authorization).path("challenges");
    for (JsonNode c : challenges) {
      if (c.path("type").asText().equals(CHALLENGE_TYPE)) {
        return new Order(url, authorization, URI.create(order.path("finalize").asText()),
            new Challenge(URI.create(c.path("url").asText()), c.path("from").asText(), c.path("token").asText()));
      }
    }
    throw new AcmeException("the server offers no " + CHALLENGE_TYPE + " challenge for " + email);
  }

  /** Tells the server the challenge is answered, then waits until it has seen the reply. */
  public void answered(Order order, Duration wait) throws IOException {
    post(order.challenge().url(), JSON.createObjectNode());
    awaitStatus(order.authorization(), "valid", wait, "the CA has not seen the reply to its challenge mail");
  }

  /** Sends the certificate request (DER) and returns the certificate chain once issued, the new certificate first. */
  public List<X509Certificate> finalize(Order order, byte[] csr, Duration wait) throws IOException {
    post(order.finalizeUrl(), JSON.createObjectNode().put("csr", base64url(csr)));
    JsonNode done = awaitStatus(order.url(), "valid", wait, "the CA has not issued the certificate");
    HttpResponse<byte[]> chain = post(URI.create(done.path("certificate").asText()), null);
    try {
      return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(chain.body()))
          .stream().map(X509Certificate.class::cast).toList();
    } catch (CertificateException e) {
      throw new AcmeException("the server's certificate chain does not read: " + e.getMessage(), e);
    }
  }

  /** The RFC 7638 thumbprint of the account key, which the challenge reply's digest covers. */
  public String thumbprint() {
    try {
      return base64url(MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(jwk())));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot take the account key's thumbprint", e);
    }
  }

  /** Polls {@code url} until its status is {@code wanted}; "invalid" or the deadline ends it with {@code why}. */
  private JsonNode awaitStatus(URI url, String wanted, Duration wait, String why) throws IOException {
    Deadline deadline = Deadline.after(wait);
    while (true) {
      JsonNode resource = fetch(url);
      String status = resource.path("status").asText();
      if (status.equals(wanted)) {
        return resource;
      }
      if (status.equals("invalid") || deadline.passed()) {
        String detail = resource.path("error").path("detail").asText("");
        throw new AcmeException(why + " (" + status + (detail.isEmpty() ? "" : ": " + detail) + ")");
      }
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AcmeException("interrupted while waiting for " + url);
      }
    }
  }

  /** POST-as-GET (RFC 8555 6.3). */
  private JsonNode fetch(URI url) throws IOException {
    return json(post(url, null).body(), url);
  }

  /** A signed POST; a bad nonce is retried once with the fresh nonce the refusal carries (RFC 8555 6.5). */
  private HttpResponse<byte[]> post(URI url, JsonNode payload) throws IOException {
    HttpResponse<byte[]> answer = postOnce(url, payload);
    if (answer.statusCode() == 400 && problem(answer).path("type").asText().endsWith(":badNonce")) {
      answer = postOnce(url, payload);
    }
    if (answer.statusCode() >= 300) {
      JsonNode problem = problem(answer);
      throw new AcmeException("the ACME server refused (" + problem.path("type").asText("HTTP " + answer.statusCode())
          .replace("urn:ietf:params:acme:error:", "") + "): " + problem.path("detail").asText(""));
    }
    return answer;
  }

  private HttpResponse<byte[]> postOnce(URI url, JsonNode payload) throws IOException {
    if (nonce.isEmpty()) {
      exchange(HttpRequest.newBuilder(endpoint("newNonce")).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }
    ObjectNode header = JSON.createObjectNode().put("alg", "ES256").put("nonce", nonce).put("url", url.toString());
    if (account.isEmpty()) {
      header.putPOJO("jwk", jwk());
    } else {
      header.put("kid", account);
    }
    String protectedPart = base64url(JSON.writeValueAsBytes(header));
    String payloadPart = payload == null ? "" : base64url(JSON.writeValueAsBytes(payload));
    ObjectNode jws = JSON.createObjectNode().put("protected", protectedPart).put("payload", payloadPart)
        .put("signature", base64url(sign(protectedPart + "." + payloadPart)));
    nonce = "";
    return exchange(HttpRequest.newBuilder(url).header("Content-Type", "application/jose+json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(jws))));
  }

  /** Sends {@code request} and keeps the nonce of the answer for the next one. */
  private HttpResponse<byte[]> exchange(HttpRequest.Builder request) throws IOException {
    HttpResponse<byte[]> answer = send(http, request.timeout(TIMEOUT).build());
    nonce = answer.headers().firstValue("Replay-Nonce").orElse("");
    return answer;
  }

  private static HttpResponse<byte[]> send(HttpClient client, HttpRequest request) throws IOException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AcmeException("interrupted while asking " + request.uri());
    }
  }

  private URI endpoint(String name) throws AcmeException {
    String url = directory.path(name).asText("");
    if (url.isEmpty()) {
      throw new AcmeException("the ACME directory names no " + name);
    }
    return URI.create(url);
  }

  /** The account key as a JWK with only its required members, in the order RFC 7638 sorts them. */
  private Map<String, String> jwk() {
    ECPublicKey key = (ECPublicKey) accountKey.getPublic();
    Map<String, String> jwk = new LinkedHashMap<>();
    jwk.put("crv", "P-256");
    jwk.put("kty", "EC");
    jwk.put("x", base64url(coordinate(key.getW().getAffineX())));
    jwk.put("y", base64url(coordinate(key.getW().getAffineY())));
    return jwk;
  }

  private byte[] sign(String signingInput) {
    try {
      Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
      s.initSign(accountKey.getPrivate());
      s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the account key", e);
    }
  }

  /** A P-256 coordinate as exactly 32 octets, big-endian. */
  private static byte[] coordinate(BigInteger value) {
    byte[] bytes = value.toByteArray();
    byte[] fixed = new byte[32];
    int length = Math.min(bytes.length, 32);
    System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
    return fixed;
  }

  private static JsonNode problem(HttpResponse<byte[]> answer) {
    try {
      return JSON.readTree(answer.body());
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static JsonNode json(byte[] body, URI from) throws AcmeException {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AcmeException(from + " answered no JSON", e);
    }
  }

  private static String base64url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
