package dev.signet.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.RevocationFetching;
import dev.signet.testkit.RevocationServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one rule for which revocation URLs may be fetched (http and https only), and the size bound. */
class HttpFetcherTest {
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
    assertThatThrownBy(() -> new HttpFetcher(RevocationFetching.cachingIn(Path.of("unused"))).get(uri))
        .isInstanceOf(IOException.class).hasMessageContaining("only http and https");
  }

  @Test
  void aCrlAsLargeAsTheLimitIsFetchedAndOneByteMoreIsRefused() throws IOException {
    try (RevocationServer server = RevocationServer.start()) {
      server.serve("/at.crl", new byte[1000]);
      server.serve("/beyond.crl", new byte[1001]);
      HttpFetcher fetcher = new HttpFetcher(RevocationFetching.cachingIn(Path.of("unused")).withMaxCrlBytes(1000));
      assertThat(fetcher.get(server.url("/at.crl"))).hasSize(1000);
      assertThatThrownBy(() -> fetcher.get(server.url("/beyond.crl")))
          .isInstanceOf(IOException.class).hasMessageContaining("larger than 1000 bytes");
    }
  }
}
