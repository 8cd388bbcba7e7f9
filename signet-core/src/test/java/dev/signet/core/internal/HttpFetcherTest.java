package dev.signet.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.RevocationFetching;
import dev.signet.testkit.RevocationServer;
import dev.signet.testkit.RevocationServer.Received;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one rule for which revocation URLs may be fetched (http and https only, public addresses
 * unless private networks are allowed), that a fetch connects only to the address it checked, and
 * the size bound.
 */
class HttpFetcherTest {
  private static final RevocationFetching PUBLIC_ONLY = RevocationFetching.cachingIn(Path.of("unused"));
  @ParameterizedTest(name = "{0} may be fetched")
  @ValueSource(strings = {"http://ca.example/crl", "HTTPS://ca.example:8443/ocsp"})
  void httpAndHttpsUrlsMayBeFetched(String url) {
    assertThat(HttpFetcher.mayFetch(URI.create(url))).isTrue();
  }

  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(strings = {"file:///etc/passwd", "ldap://ca.example/cn=CA?certificateRevocationList", "ftp://ca.example/crl",
      "jar:file:/x.jar!/crl", "http:relative"})
  void otherUrlsAreRefusedWithoutAnyConnection(String url) {
    URI uri = URI.create(url);
    assertThat(HttpFetcher.mayFetch(uri)).isFalse();
    assertThatThrownBy(() -> new HttpFetcher(PUBLIC_ONLY).get(uri))
        .isInstanceOf(IOException.class).hasMessageContaining("only http and https");
  }

  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "localhost", "[::1]", "10.0.0.8", "172.16.5.4", "192.168.1.1",
      "169.254.169.254", "[fe80::1]", "[fd00::1]", "100.64.0.1", "0.0.0.0", "[::]", "[::ffff:127.0.0.1]", "224.0.0.1"})
  void privateAndLoopbackHostsAreRefusedBeforeAnyConnection(String host) {
    try (RevocationServer server = RevocationServer.start()) {
      server.serve("/crl", new byte[10]);
      URI uri = URI.create("http://" + host + ":" + server.url("/").getPort() + "/crl");
      assertThatThrownBy(() -> new HttpFetcher(PUBLIC_ONLY).get(uri))
          .isInstanceOf(IOException.class).hasMessageContaining("loopback or private address");
      assertThat(server.requests("/crl")).isZero();
    }
  }

  @ParameterizedTest(name = "{0} is public")
  @ValueSource(strings = {"8.8.8.8", "93.184.215.14", "2001:4860:4860::8888", "100.128.0.1", "172.32.0.1"})
  void publicAddressesAreNotPrivate(String address) throws IOException {
    assertThat(HttpFetcher.isPrivate(InetAddress.getByName(address))).isFalse();
  }

  @Test
  void aPrivateHostIsFetchedWhenPrivateNetworksAreAllowed() throws IOException {
    try (RevocationServer server = RevocationServer.start()) {
      server.serve("/crl", new byte[10]);
      URI uri = URI.create("http://localhost:" + server.url("/").getPort() + "/crl");
      assertThat(new HttpFetcher(PUBLIC_ONLY.withPrivateNetworks()).get(uri)).hasSize(10);
    }
  }

  @Test
  void aNameThatRebindsToLoopbackAfterTheCheckReachesNoLoopbackServer() {
    try (RevocationServer server = RevocationServer.start()) {
      server.serve("/crl", new byte[10]);
      // The system resolves localhost to loopback, as a rebinding name would on its second lookup;
      // the fetcher makes the first lookup, answered with a public-looking address (TEST-NET-3, never routed).
      AtomicInteger lookups = new AtomicInteger();
      HttpFetcher fetcher = new HttpFetcher(PUBLIC_ONLY.withTimeout(Duration.ofMillis(500)), host ->
          lookups.getAndIncrement() == 0 ? addresses("203.0.113.7") : addresses("127.0.0.1"));
      URI uri = URI.create("http://localhost:" + server.url("/").getPort() + "/crl");
      assertThatThrownBy(() -> fetcher.get(uri)).isInstanceOf(IOException.class);
      assertThat(server.requests("/crl")).isZero();
    }
  }

  @Test
  void withPrivateNetworksAllowedTheFetchGoesToTheLookedUpAddressWithTheOriginalHost() throws IOException {
    try (RevocationServer server = RevocationServer.start()) {
      server.serve("/crl", new byte[10]);
      int port = server.url("/").getPort();
      HttpFetcher fetcher = new HttpFetcher(PUBLIC_ONLY.withPrivateNetworks(), host -> addresses("127.0.0.1"));
      assertThat(fetcher.get(URI.create("http://crl.rebind.test:" + port + "/crl"))).hasSize(10);
      assertThat(server.lastReceived("/crl")).contains(new Received("/crl", "crl.rebind.test:" + port));
    }
  }

  @Test
  void theRequestLineIsTheOriginFormWithTheHostInItsOwnHeader() throws IOException {
    try (RawServer server = new RawServer("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc")) {
      HttpFetcher fetcher = new HttpFetcher(PUBLIC_ONLY.withPrivateNetworks(), host -> addresses("127.0.0.1"));
      fetcher.get(URI.create("http://crl.example.test:" + server.port() + "/ca.crl?x=1"));
      assertThat(server.head()).startsWith("GET /ca.crl?x=1 HTTP/1.1\r\n")
          .contains("\r\nHost: crl.example.test:" + server.port() + "\r\n");
    }
  }

  @Test
  void aChunkedBodyIsReassembled() throws IOException {
    try (RawServer server = new RawServer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "3;name=x\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")) {
      assertThat(new HttpFetcher(PUBLIC_ONLY.withPrivateNetworks()).get(server.url("/crl")))
          .isEqualTo("abcde".getBytes(StandardCharsets.US_ASCII));
    }
  }

  @Test
  void aBodyEndedByClosingTheConnectionIsTakenWhole() throws IOException {
    try (RawServer server = new RawServer("HTTP/1.0 200 OK\r\n\r\nabcdef")) {
      assertThat(new HttpFetcher(PUBLIC_ONLY.withPrivateNetworks()).get(server.url("/crl"))).hasSize(6);
    }
  }

  @Test
  void aServerThatTricklesItsAnswerIsLeftAtTheTimeout() {
    try (RawServer server = new RawServer("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", Duration.ofMillis(100))) {
      HttpFetcher fetcher = new HttpFetcher(PUBLIC_ONLY.withPrivateNetworks().withTimeout(Duration.ofMillis(700)));
      assertThatThrownBy(() -> fetcher.get(server.url("/crl"))).isInstanceOf(IOException.class)
          .hasMessageContaining("did not answer within 700 ms");
    }
  }

  @Test
  void aNameWithOnePrivateAddressAmongPublicOnesIsRefused() {
    try (RevocationServer server = RevocationServer.start()) {
      server.serve("/crl", new byte[10]);
      HttpFetcher fetcher = new HttpFetcher(PUBLIC_ONLY, host -> addresses("8.8.8.8", "10.0.0.8", "1.1.1.1"));
      URI uri = URI.create("http://localhost:" + server.url("/").getPort() + "/crl");
      assertThatThrownBy(() -> fetcher.get(uri)).isInstanceOf(IOException.class)
          .hasMessageContaining("loopback or private address (10.0.0.8)");
      assertThat(server.requests("/crl")).isZero();
    }
  }

  @Test
  void aNameWithoutAddressesIsNotFetched() {
    HttpFetcher fetcher = new HttpFetcher(PUBLIC_ONLY, host -> {
      throw new UnknownHostException(host);
    });
    assertThatThrownBy(() -> fetcher.get(URI.create("http://crl.nowhere.test/crl")))
        .isInstanceOf(IOException.class).hasMessageContaining("could not be fetched")
        .hasMessageContaining("UnknownHost");
  }

  @Test
  void aLookupThatNeverAnswersIsLeftAtTheTimeout() {
    HttpFetcher fetcher = new HttpFetcher(PUBLIC_ONLY.withTimeout(Duration.ofMillis(300)), host -> {
      while (true) {
        LockSupport.park();
      }
    });
    assertThatThrownBy(() -> fetcher.get(URI.create("http://crl.silent.test/crl"))).isInstanceOf(IOException.class)
        .hasMessageContaining("was not found within 300 ms");
  }

  @Test
  void aCrlAsLargeAsTheLimitIsFetchedAndOneByteMoreIsRefused() throws IOException {
    try (RevocationServer server = RevocationServer.start()) {
      server.serve("/at.crl", new byte[1000]);
      server.serve("/beyond.crl", new byte[1001]);
      HttpFetcher fetcher = new HttpFetcher(PUBLIC_ONLY.withPrivateNetworks().withMaxCrlBytes(1000));
      assertThat(fetcher.get(server.url("/at.crl"))).hasSize(1000);
      assertThatThrownBy(() -> fetcher.get(server.url("/beyond.crl")))
          .isInstanceOf(IOException.class).hasMessageContaining("larger than 1000 bytes");
    }
  }

  /**
   * A server that answers one connection with fixed bytes, one byte per {@code pace} when given, and
   * keeps the request head it read.
   */
  private static final class RawServer implements AutoCloseable {
    private final ServerSocket socket;
    private final CompletableFuture<String> head = new CompletableFuture<>();

    RawServer(String response) {
      this(response, Duration.ZERO);
    }

    RawServer(String response, Duration pace) {
      try {
        socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Thread answering = new Thread(() -> answer(response.getBytes(StandardCharsets.ISO_8859_1), pace), "raw-server");
      answering.setDaemon(true);
      answering.start();
    }

    private void answer(byte[] response, Duration pace) {
      try (Socket connection = socket.accept()) {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        InputStream in = connection.getInputStream();
        while (!read.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
          read.write(in.read());
        }
        head.complete(read.toString(StandardCharsets.ISO_8859_1));
        OutputStream out = connection.getOutputStream();
        for (byte b : response) {
          out.write(b);
          out.flush();
          Thread.sleep(pace.toMillis());
        }
      } catch (IOException | InterruptedException e) {
        head.completeExceptionally(e);
      }
    }

    int port() {
      return socket.getLocalPort();
    }

    URI url(String path) {
      return URI.create("http://127.0.0.1:" + port() + path);
    }

    String head() {
      return head.join();
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static InetAddress[] addresses(String... literals) throws UnknownHostException {
    InetAddress[] all = new InetAddress[literals.length];
    for (int i = 0; i < literals.length; i++) {
      all[i] = InetAddress.getByName(literals[i]);
    }
    return all;
  }
}
