package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** One person's HTTP client for the web UI: trusts only the organisation's CA, keeps its cookies, follows no redirect. */
final class WebClient {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private final Function<String, String> https;
  private final HttpClient http;

  WebClient(WebFixture fixture) {
    this(fixture::https, fixture.root());
  }

  /** A client of the service whose URL for a path {@code https} gives, trusting only {@code root}. */
  WebClient(Function<String, String> https, X509Certificate root) {
    this(https, HttpClient.newBuilder().sslContext(trusting(root))
        .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).followRedirects(HttpClient.Redirect.NEVER).build());
  }

  private WebClient(Function<String, String> https, HttpClient http) {
    this.https = https;
    this.http = http;
  }

  /** The same browser, its cookies and all, asking another node of the service (behind a load balancer, say). */
  WebClient at(Function<String, String> otherNode) {
    return new WebClient(otherNode, http);
  }

  static WebClient signedIn(WebFixture fixture, String email) throws IOException {
    WebClient c = new WebClient(fixture);
    HttpResponse<String> r = c.post("/web/signin", Map.of("email", email, "password", WebFixture.PASSWORD,
        "csrf", c.csrf("/web/signin")));
    if (r.statusCode() != 303) {
      throw new IllegalStateException("sign-in failed for " + email + ": " + r.statusCode());
    }
    return c;
  }

  /** Signed in, with the person's digital IDs unlocked for the session. */
  static WebClient unlocked(WebFixture fixture, String email) throws IOException {
    WebClient c = signedIn(fixture, email);
    c.submit("/web/ids", "/web/ids/unlock", Map.of("password", WebFixture.ID_PASSWORD));
    return c;
  }

  /** The value of the cookie {@code name} this browser holds, as a test reads it to find the server's record. */
  String cookie(String name) {
    return ((CookieManager) http.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst().orElseThrow();
  }

  HttpResponse<String> get(String path) throws IOException {
    return send(HttpRequest.newBuilder(URI.create(https.apply(path))).GET().build());
  }

  HttpResponse<String> post(String path, Map<String, String> form) throws IOException {
    String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(https.apply(path)))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))
        .build());
  }

  /** Posts a form with the CSRF token of the page it is on, as a browser would. */
  HttpResponse<String> submit(String pagePath, String action, Map<String, String> fields) throws IOException {
    Map<String, String> form = new LinkedHashMap<>(fields);
    form.put("csrf", csrf(pagePath));
    return post(action, form);
  }

  /** Posts a multipart form with one file, with the CSRF token of the page it is on. */
  HttpResponse<byte[]> upload(String pagePath, String action, Map<String, String> fields, String fileField,
      String fileName, byte[] content) throws IOException {
    return sendBytes(multipart(pagePath, action, List.copyOf(fields.entrySet()),
        List.of(new FilePart(fileField, fileName, "application/x-pkcs12", content))));
  }

  /** One file of a multipart form: the field, the file name and type as a browser sends them, the bytes. */
  record FilePart(String field, String fileName, String type, byte[] content) {}

  /** Posts a multipart form (fields may repeat) with files, with the CSRF token of the page it is on. */
  HttpResponse<String> postMultipart(String pagePath, String action, List<Map.Entry<String, String>> fields,
      List<FilePart> files) throws IOException {
    return send(multipart(pagePath, action, fields, files));
  }

  private HttpRequest multipart(String pagePath, String action, List<Map.Entry<String, String>> fields,
      List<FilePart> files) throws IOException {
    String boundary = "signet-test-boundary-7d3f";
    List<Map.Entry<String, String>> form = new ArrayList<>(fields);
    form.add(Map.entry("csrf", csrf(pagePath)));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, String> e : form) {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n"
          + e.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    for (FilePart f : files) {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.field() + "\"; filename=\""
          + f.fileName() + "\"\r\nContent-Type: " + f.type() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.writeBytes(f.content());
      body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create(https.apply(action)))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
  }

  /** A get whose answer is a file. */
  HttpResponse<byte[]> getBytes(String path) throws IOException {
    return sendBytes(HttpRequest.newBuilder(URI.create(https.apply(path))).GET().build());
  }

  /** A post whose answer may be a file. */
  HttpResponse<byte[]> postForBytes(String pagePath, String action, Map<String, String> fields) throws IOException {
    Map<String, String> form = new LinkedHashMap<>(fields);
    form.put("csrf", csrf(pagePath));
    String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    return sendBytes(HttpRequest.newBuilder(URI.create(https.apply(action)))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))
        .build());
  }

  private HttpResponse<byte[]> sendBytes(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  String csrf(String pagePath) throws IOException {
    Matcher m = CSRF.matcher(get(pagePath).body());
    if (!m.find()) {
      throw new IllegalStateException("no form token on " + pagePath);
    }
    return m.group(1);
  }

  HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static SSLContext trusting(X509Certificate root) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setCertificateEntry("root", root);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      return ssl;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** As an administrator, sets the policy setting {@code name} to {@code value} ("" removes it). */
  void setPolicy(String name, String value) throws IOException {
    assertThat(submit("/web/admin/policy", "/web/admin/policy", Map.of("name", name, "value", value)).statusCode())
        .isEqualTo(303);
  }
}
