package dev.signet.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether revocation information may be fetched over the network while reading, and within what
 * bounds: CRLs from a certificate's CRL distribution points (cached on disk until their next
 * update) and OCSP from its authority information access. Off unless asked for.
 *
 * @param cacheDirectory where fetched CRLs are kept; empty when fetching is off
 * @param timeout the bound on connecting to and hearing from one server
 * @param budget the bound on all fetching for one signed layer
 * @param maxCrlBytes the largest CRL (or OCSP response) accepted
 * @param privateNetworks whether URLs on loopback, private, link-local or unique-local addresses may be
 *     fetched; off by default, since an attacker's certificate names the URLs (server-side request forgery)
 */
public record RevocationFetching(Optional<Path> cacheDirectory, Duration timeout, Duration budget, long maxCrlBytes,
    boolean privateNetworks) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(20);
  public static final long DEFAULT_MAX_CRL_BYTES = 20L << 20;

  public RevocationFetching {
    Objects.requireNonNull(cacheDirectory, "cacheDirectory");
    requirePositive(timeout, "timeout");
    requirePositive(budget, "budget");
    if (maxCrlBytes <= 0) {
      throw new IllegalArgumentException("maxCrlBytes must be positive");
    }
  }

  /** No fetching: only the CRLs given in the options are consulted. */
  public static RevocationFetching off() {
    return new RevocationFetching(Optional.empty(), DEFAULT_TIMEOUT, DEFAULT_BUDGET, DEFAULT_MAX_CRL_BYTES, false);
  }

  /** Fetching on, caching CRLs in {@code cacheDirectory}, with the default bounds, from public addresses only. */
  public static RevocationFetching cachingIn(Path cacheDirectory) {
    return new RevocationFetching(Optional.of(cacheDirectory), DEFAULT_TIMEOUT, DEFAULT_BUDGET, DEFAULT_MAX_CRL_BYTES,
        false);
  }

  public boolean enabled() {
    return cacheDirectory.isPresent();
  }

  public RevocationFetching withTimeout(Duration newTimeout) {
    return new RevocationFetching(cacheDirectory, newTimeout, budget, maxCrlBytes, privateNetworks);
  }

  public RevocationFetching withBudget(Duration newBudget) {
    return new RevocationFetching(cacheDirectory, timeout, newBudget, maxCrlBytes, privateNetworks);
  }

  public RevocationFetching withMaxCrlBytes(long newMax) {
    return new RevocationFetching(cacheDirectory, timeout, budget, newMax, privateNetworks);
  }

  /** Also from loopback and private addresses: for a CA inside the organisation's own network. */
  public RevocationFetching withPrivateNetworks() {
    return new RevocationFetching(cacheDirectory, timeout, budget, maxCrlBytes, true);
  }

  private static void requirePositive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive");
    }
  }
}
