package dev.signet.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) that serves what a test puts at a path: fixed
 * bytes (CRLs) or an answer computed from the request body (OCSP). It counts requests per path and
 * can be made slow. Paths with nothing put answer 404.
 */
public final class RevocationServer implements AutoCloseable {
  /** The request-target of a request as it was sent (origin or absolute form) and its Host header. */
  public record Received(String target, String host) {}

  private final HttpServer server;
  private final Map<String, UnaryOperator<byte[]>> routes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final Map<String, Received> last = new ConcurrentHashMap<>();
  private volatile Duration delay = Duration.ZERO;

  private RevocationServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "revocation-server");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  public static RevocationServer start() {
    try {
      return new RevocationServer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The absolute URL of {@code path} (which starts with a slash) on this server. */
  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  public void serve(String path, byte[] body) {
    routes.put(path, request -> body);
  }

  public void answer(String path, UnaryOperator<byte[]> responder) {
    routes.put(path, responder);
  }

  /** Every answer waits this long first. */
  public void slowDownBy(Duration wait) {
    delay = wait;
  }

  public int requests(String path) {
    return hits.getOrDefault(path, new AtomicInteger()).get();
  }

  /** The last request made for {@code path}, if any. */
  public Optional<Received> lastReceived(String path) {
    return Optional.ofNullable(last.get(path));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      last.put(path, new Received(exchange.getRequestURI().toString(), exchange.getRequestHeaders().getFirst("Host")));
      hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      byte[] request = exchange.getRequestBody().readAllBytes();
      pause();
      UnaryOperator<byte[]> route = routes.get(path);
      byte[] body = route == null ? null : route.apply(request);
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
