package dev.signet.cli;

import dev.signet.core.RevocationFetching;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a verb learns revocation, for a signer's certificate read or a recipient's looked up: fetched unless offline. */
final class RevocationOption {
  @Option(names = "--fetch", description = "Fetch revocation information (CRL distribution points, OCSP): the"
      + " default, kept for scripts that ask for it.")
  boolean fetch;

  @Option(names = "--offline", description = "Fetch nothing: revocation is judged by the --crl files and the cache"
      + " alone, and a certificate they do not cover is reported NO_CRL.")
  boolean offline;

  @Option(names = "--fetch-private", description = "Also fetch from loopback and private network addresses (a CA"
      + " inside your own network); off, as the URLs come from the sender's certificate.")
  boolean fetchPrivate;

  @Option(names = "--cache", paramLabel = "DIR", description = "Where fetched CRLs are kept (default ~/.signet/cache).")
  Path cache;

  /** On unless --offline; the cache folder is --cache, else ~/.signet/cache; private addresses only with --fetch-private. */
  RevocationFetching fetching() {
    if (offline) {
      return RevocationFetching.off();
    }
    RevocationFetching fetching = RevocationFetching.cachingIn(cache != null ? cache
        : Path.of(System.getProperty("user.home"), ".signet", "cache"));
    return fetchPrivate ? fetching.withPrivateNetworks() : fetching;
  }
}
