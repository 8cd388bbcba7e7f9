package dev.signet.core.internal;

import dev.signet.core.RevocationFetching;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches revocation information over HTTP within bounds: each exchange within the timeout, all
 * exchanges together within the budget, no body larger than the maximum, no redirects. The one
 * place that decides which URLs may be fetched at all.
 *
 * <p>Each host is looked up once, and an http request goes to exactly the address that was checked:
 * were the client to look the name up again when it connects, a name with a short time to live could
 * answer a public address to the check and a private one to the connection (DNS rebinding).
 */
final class HttpFetcher {
  /** Looks up the addresses of a host name: the system's resolver, or a test's. */
  interface Resolver {
    InetAddress[] addresses(String host) throws UnknownHostException;
  }

  private final RevocationFetching bounds;
  private final Resolver resolver;
  private final Map<String, InetAddress> checked = new ConcurrentHashMap<>();
  private HttpClient client;
  private Instant deadline;

  HttpFetcher(RevocationFetching bounds) {
    this(bounds, InetAddress::getAllByName);
  }

  HttpFetcher(RevocationFetching bounds, Resolver resolver) {
    this.bounds = bounds;
    this.resolver = resolver;
  }

  private HttpClient client() {
    if (client == null) {
      client = HttpClient.newBuilder().connectTimeout(bounds.timeout()).followRedirects(HttpClient.Redirect.NEVER)
          .proxy(new CheckedAddress()).build();
    }
    return client;
  }

  /** Whether {@code uri} may be fetched: only absolute http and https URLs with a host. */
  static boolean mayFetch(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
  }

  byte[] get(URI uri) throws IOException {
    refuseUnlessAllowed(uri);
    return exchange(HttpRequest.newBuilder(uri).GET(), uri);
  }

  byte[] post(URI uri, String contentType, byte[] body) throws IOException {
    refuseUnlessAllowed(uri);
    return exchange(HttpRequest.newBuilder(uri).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)), uri);
  }

  private void refuseUnlessAllowed(URI uri) throws IOException {
    if (!mayFetch(uri)) {
      throw new IOException("not fetched: only http and https URLs are, not " + uri);
    }
    InetAddress[] addresses = lookUp(uri);
    if (!bounds.privateNetworks()) {
      for (InetAddress address : addresses) {
        if (isPrivate(address)) {
          throw new IOException("not fetched: " + uri.getHost() + " is a loopback or private address ("
              + address.getHostAddress() + "), refused unless private networks are allowed");
        }
      }
    }
    checked.put(uri.getHost(), addresses[0]);
  }

  private InetAddress[] lookUp(URI uri) throws IOException {
    try {
      InetAddress[] addresses = resolver.addresses(uri.getHost());
      if (addresses.length == 0) {
        throw new UnknownHostException(uri.getHost() + " has no address");
      }
      return addresses;
    } catch (UnknownHostException e) {
      throw new IOException(uri + " could not be fetched: " + e, e);
    }
  }

  /**
   * Whether {@code address} is one an attacker's URL must not reach from the reader's machine:
   * loopback, unspecified, link-local (cloud metadata), private (RFC 1918, IPv6 unique-local),
   * carrier-grade NAT, "this network" or multicast.
   */
  static boolean isPrivate(InetAddress address) {
    byte[] b = address.getAddress();
    boolean v4 = b.length == 4;
    return address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
        || address.isSiteLocalAddress() || address.isMulticastAddress()
        || (v4 && (b[0] == 0 || (b[0] == 100 && (b[1] & 0xc0) == 64)))
        || (!v4 && (b[0] & 0xfe) == 0xfc);
  }

  private byte[] exchange(HttpRequest.Builder request, URI uri) throws IOException {
    Duration wait = remaining();
    CompletableFuture<HttpResponse<byte[]>> pending =
        client().sendAsync(request.timeout(wait).build(), info -> new BoundedBody(bounds.maxCrlBytes()));
    try {
      HttpResponse<byte[]> response = pending.get(wait.toMillis(), TimeUnit.MILLISECONDS);
      if (response.statusCode() != 200) {
        throw new IOException(uri + " answered HTTP " + response.statusCode());
      }
      return response.body();
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new IOException(uri + " did not answer within " + wait.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      throw new IOException(uri + " could not be fetched: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + uri, e);
    }
  }

  /** The time left for this exchange: the timeout, or less when the budget is running out. */
  private Duration remaining() throws IOException {
    Instant now = Instant.now();
    if (deadline == null) {
      deadline = now.plus(bounds.budget());
    }
    Duration left = Duration.between(now, deadline);
    if (left.isNegative() || left.isZero()) {
      throw new IOException("the time allowed for fetching revocation information (" + bounds.budget() + ") is spent");
    }
    return left.compareTo(bounds.timeout()) < 0 ? left : bounds.timeout();
  }

  /**
   * Sends each http request to the address checked for its host, as if that address were a proxy:
   * the client then connects there without looking the name up again, and sends the absolute URL with
   * the original Host, which origin servers must accept (RFC 9112, section 3.2.2). https is left to
   * connect directly, since through a proxy it would be tunnelled with CONNECT; a rebound https
   * connection sends no request, because the server at the other address holds no certificate for
   * the attacker's name and TLS host-name verification ends the handshake.
   */
  private final class CheckedAddress extends ProxySelector {
    @Override
    public List<Proxy> select(URI uri) {
      if (uri.getScheme().equalsIgnoreCase("https")) {
        return List.of(Proxy.NO_PROXY);
      }
      InetAddress address = checked.get(uri.getHost());
      if (address == null) {
        throw new IllegalStateException(uri.getHost() + " was not checked before connecting");
      }
      int port = uri.getPort() == -1 ? 80 : uri.getPort();
      return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(address, port)));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException e) {
      // The client reports the failure itself.
    }
  }

  /** Collects a body, giving up as soon as it exceeds the maximum. */
  private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final long max;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    BoundedBody(long max) {
      this.max = max;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer b : buffers) {
        if (bytes.size() + (long) b.remaining() > max) {
          subscription.cancel();
          result.completeExceptionally(new IOException("the response is larger than " + max + " bytes"));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        bytes.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(bytes.toByteArray());
    }
  }
}
