package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.signet.server.Service;
import dev.signet.server.part.ServiceContext;
import dev.signet.server.part.ServicePart;
import dev.signet.testkit.LanAddress;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plain HTTP never serves the web UI: every route the service registers (read from Javalin itself, so a
 * route added later is covered without touching this test), except the CA's public ones, answers a
 * request over HTTP with a redirect to the same path over HTTPS, with no content and no cookie,
 * whether the client is on this machine or another.
 */
class HttpsOnlyTest {
  private static final Set<HandlerType> METHODS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
      HandlerType.PATCH, HandlerType.DELETE);
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private static final List<Route> routes = new CopyOnWriteArrayList<>();
  private static BareService bare;
  private static Service service;

  record Route(HandlerType method, String path) {
    /** The path with each parameter filled in, as a request would name it. */
    String concrete() {
      return path.replaceAll("\\{[^}]+}", "x").replaceAll("<[^>]+>", "x").replace("*", "x");
    }
  }

  /** Hears of every route as Javalin adds it. */
  private static final class RouteList implements ServicePart {
    @Override
    public void configure(JavalinConfig config, ServiceContext context) {
      config.events.handlerAdded(h -> routes.add(new Route(h.getHttpMethod(), h.getPath())));
    }
  }

  @BeforeAll
  static void start() throws IOException {
    bare = BareService.start("0.0.0.0", List.of(new RouteList()), Clock.systemUTC());
    service = bare.service;
  }

  @AfterAll
  static void stop() {
    bare.close();
  }

  @Test
  void theRouteListHoldsTheWebUi() {
    assertThat(webRoutes()).contains(new Route(HandlerType.GET, "/web/signin"), new Route(HandlerType.POST,
        "/web/signin"), new Route(HandlerType.GET, "/web/inbox"), new Route(HandlerType.GET, "/web/admin/policy"));
  }

  @Test
  void everyWebRouteRedirectsALoopbackClientToHttps() throws IOException {
    for (Route r : webRoutes()) {
      assertRedirected(r, "127.0.0.1");
    }
  }

  @Test
  void everyWebRouteRedirectsAClientFromAnotherMachineToHttps() throws IOException {
    Optional<InetAddress> outside = LanAddress.find();
    assumeTrue(outside.isPresent(), "this machine has no non-loopback IPv4 address to come from");
    for (Route r : webRoutes()) {
      assertRedirected(r, outside.get().getHostAddress());
    }
  }

  @Test
  void aSessionCookieSentOverPlainHttpStillGetsOnlyARedirect() throws IOException {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(http("127.0.0.1", "/web/inbox")))
        .header("Cookie", WebUi.SESSION_COOKIE + "=" + "guessed-or-leaked").GET().build());
    assertThat(r.statusCode()).isEqualTo(308);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void theQueryStringIsKeptAndTheHostIsOneTheCertificateNames() throws IOException {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(http("127.0.0.1", "/web/setup?token=abc")))
        .header("Accept", "text/html").GET().build());
    assertThat(r.headers().firstValue("Location"))
        .hasValue("https://127.0.0.1:" + service.httpsPort() + "/web/setup?token=abc");
  }

  @Test
  void theCaPublicEndpointsStayOnPlainHttp() throws IOException {
    for (String path : List.of("/ca/root.cer", "/ca/issuing.cer", "/crl/issuing.crl", "/crl/root.crl")) {
      HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(http("127.0.0.1", path))).GET().build());
      assertThat(r.statusCode()).as(path).isEqualTo(200);
    }
  }

  private static void assertRedirected(Route route, String from) throws IOException {
    String path = route.concrete();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http(from, path)));
    request = route.method() == HandlerType.GET ? request.GET()
        : request.header("Content-Type", "application/x-www-form-urlencoded")
            .method(route.method().name(), HttpRequest.BodyPublishers.ofString("csrf=x&email=a%40example.org"));
    HttpResponse<String> r = send(request.build());
    String what = route.method() + " " + path + " from " + from;
    assertThat(r.statusCode()).as(what).isEqualTo(308);
    assertThat(r.headers().firstValue("Location")).as(what).hasValueSatisfying(l -> assertThat(l)
        .startsWith("https://").endsWith(":" + service.httpsPort() + path));
    assertThat(r.headers().allValues("Set-Cookie")).as(what).isEmpty();
    assertThat(r.body()).as(what).isEmpty();
  }

  private static List<Route> webRoutes() {
    return routes.stream().filter(r -> METHODS.contains(r.method()))
        .filter(r -> !r.path().startsWith("/.well-known/est") && !r.path().startsWith("/crl/")
            && !r.path().startsWith("/ca/") && !r.path().startsWith("/ocsp"))
        .distinct().toList();
  }

  private static String http(String host, String path) {
    return "http://" + host + ":" + service.httpPort() + path;
  }

  private static HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
