package dev.signet.core.internal;

import dev.signet.core.Deadline;
import dev.signet.core.RevocationFetching;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Fetches revocation information over HTTP within bounds: each exchange within the timeout, all
 * exchanges together within the budget, no body larger than the maximum, no redirects. The one
 * place that decides which URLs may be fetched at all.
 *
 * <p>Each host is looked up once, and the connection goes to exactly the address that was checked:
 * were the client to look the name up again when it connects, a name with a short time to live could
 * answer a public address to the check and a private one to the connection (DNS rebinding). The
 * request is the usual origin form with a Host header ({@code GET /ca.crl HTTP/1.1}), which every
 * server answers; over https the certificate must name the host, as TLS host-name verification asks.
 */
final class HttpFetcher {
  /** Looks up the addresses of a host name: the system's resolver, or a test's. */
  interface Resolver {
    InetAddress[] addresses(String host) throws IOException;
  }

  private static final int MAX_REQUEST_BODY = 64 * 1024;
  private final RevocationFetching bounds;
  private final Resolver resolver;
  private Deadline deadline;

  HttpFetcher(RevocationFetching bounds) {
    this(bounds, InetAddress::getAllByName);
  }

  HttpFetcher(RevocationFetching bounds, Resolver resolver) {
    this.bounds = bounds;
    this.resolver = resolver;
  }

  /** Whether {@code uri} may be fetched: only absolute http and https URLs with a host. */
  static boolean mayFetch(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
  }

  byte[] get(URI uri) throws IOException {
    return exchange(uri, "GET", "", new byte[0]);
  }

  byte[] post(URI uri, String contentType, byte[] body) throws IOException {
    if (body.length > MAX_REQUEST_BODY) {
      throw new IOException("a request of " + body.length + " bytes is not sent");
    }
    return exchange(uri, "POST", "Content-Type: " + contentType + "\r\n", body);
  }

  /** The one address {@code uri} may be fetched from: the first of its host's, all of which were checked. */
  private InetAddress checkedAddress(URI uri) throws IOException {
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
    return addresses[0];
  }

  /**
   * The host's addresses, looked up within the time left: the system's resolver knows no timeout, and
   * a reader without a network must not wait for it.
   */
  private InetAddress[] lookUp(URI uri) throws IOException {
    CompletableFuture<InetAddress[]> answer = new CompletableFuture<>();
    Thread lookup = new Thread(() -> {
      try {
        answer.complete(resolver.addresses(uri.getHost()));
      } catch (IOException | RuntimeException e) {
        answer.completeExceptionally(e);
      }
    }, "revocation-lookup");
    lookup.setDaemon(true);
    lookup.start();
    Duration wait = remaining();
    try {
      InetAddress[] addresses = answer.get(wait.toMillis(), TimeUnit.MILLISECONDS);
      if (addresses.length == 0) {
        throw new IOException(uri + " could not be fetched: " + uri.getHost() + " has no address");
      }
      return addresses;
    } catch (TimeoutException e) {
      throw new IOException(uri + " could not be fetched: " + uri.getHost() + " was not found within "
          + wait.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      throw new IOException(uri + " could not be fetched: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while looking up " + uri.getHost(), e);
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

  private byte[] exchange(URI uri, String method, String headers, byte[] body) throws IOException {
    InetAddress address = checkedAddress(uri);
    Deadline until = Deadline.after(remaining());
    boolean tls = uri.getScheme().equalsIgnoreCase("https");
    int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
    try (Socket socket = connect(new InetSocketAddress(address, port), until, tls ? uri.getHost() : null)) {
      OutputStream out = new BufferedOutputStream(socket.getOutputStream());
      out.write((method + " " + target(uri) + " HTTP/1.1\r\nHost: " + hostHeader(uri) + "\r\n" + headers
          + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      HttpResponseReader.Response response =
          new HttpResponseReader(new BufferedInputStream(new Deadlined(socket, until)), bounds.maxCrlBytes()).read();
      if (response.status() != 200) {
        throw new IOException(uri + " answered HTTP " + response.status());
      }
      return response.body();
    } catch (SocketTimeoutException e) {
      throw new IOException(uri + " did not answer within " + bounds.timeout().toMillis() + " ms", e);
    }
  }

  /** A connection to {@code address}; over TLS to {@code tlsHost}, whose name the server's certificate must carry. */
  private static Socket connect(InetSocketAddress address, Deadline until, String tlsHost) throws IOException {
    Socket plain = new Socket();
    try {
      plain.connect(address, millisUntil(until));
      plain.setSoTimeout(millisUntil(until));
      if (tlsHost == null) {
        return plain;
      }
      SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
          .createSocket(plain, tlsHost, address.getPort(), true);
      SSLParameters parameters = tls.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(parameters);
      tls.startHandshake();
      return tls;
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  /** The origin-form request target: the path (at least "/") and the query. */
  static String target(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  /** The Host header: the URL's host, and its port when the URL names one. */
  static String hostHeader(URI uri) {
    return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }

  private static int millisUntil(Deadline until) throws SocketTimeoutException {
    long left = until.left().toMillis();
    if (left <= 0) {
      throw new SocketTimeoutException("out of time");
    }
    return (int) Math.min(left, Integer.MAX_VALUE);
  }

  /** The time left for this exchange: the timeout, or less when the budget is running out. */
  private Duration remaining() throws IOException {
    if (deadline == null) {
      deadline = Deadline.after(bounds.budget());
    }
    Duration left = deadline.left();
    if (left.isNegative() || left.isZero()) {
      throw new IOException("the time allowed for fetching revocation information (" + bounds.budget() + ") is spent");
    }
    return left.compareTo(bounds.timeout()) < 0 ? left : bounds.timeout();
  }

  /** A connection's input that gives up once the exchange's time is spent, however slowly bytes trickle in. */
  private static final class Deadlined extends InputStream {
    private final Socket socket;
    private final InputStream in;
    private final Deadline until;

    Deadlined(Socket socket, Deadline until) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.until = until;
    }

    @Override
    public int read() throws IOException {
      socket.setSoTimeout(millisUntil(until));
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      socket.setSoTimeout(millisUntil(until));
      return in.read(b, off, len);
    }
  }
}
