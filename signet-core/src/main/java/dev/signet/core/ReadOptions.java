package dev.signet.core;

import java.io.InputStream;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to read a message.
 *
 * @param depth how far to unwrap: VERIFY opens signatures only; DECRYPT removes the outer encryption
 *     layer and stops; ALL unwraps every layer
 * @param keys digital IDs to decrypt with
 * @param trustAnchors the only roots trusted for this read
 * @param policy the organisation's settings that decide how much each problem matters
 * @param detachedContent the signed content, for a bare detached signature
 * @param fetching whether revocation information may be fetched over the network (off by default)
 */
public record ReadOptions(
    Depth depth,
    List<DigitalId> keys,
    List<X509Certificate> trustAnchors,
    List<X509Certificate> intermediates,
    List<X509CRL> crls,
    AlgorithmPolicy algorithms,
    Policy policy,
    Optional<InputStream> detachedContent,
    RevocationFetching fetching) {

  /** How far reading unwraps. */
  public enum Depth {
    VERIFY,
    DECRYPT,
    ALL
  }

  public ReadOptions {
    Objects.requireNonNull(depth, "depth");
    keys = List.copyOf(keys);
    trustAnchors = List.copyOf(trustAnchors);
    intermediates = List.copyOf(intermediates);
    crls = List.copyOf(crls);
    Objects.requireNonNull(algorithms, "algorithms");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(detachedContent, "detachedContent");
    Objects.requireNonNull(fetching, "fetching");
  }

  /** Options that fetch nothing over the network. */
  public ReadOptions(Depth depth, List<DigitalId> keys, List<X509Certificate> trustAnchors,
      List<X509Certificate> intermediates, List<X509CRL> crls, AlgorithmPolicy algorithms, Policy policy,
      Optional<InputStream> detachedContent) {
    this(depth, keys, trustAnchors, intermediates, crls, algorithms, policy, detachedContent, RevocationFetching.off());
  }

  public static ReadOptions verify(List<X509Certificate> trustAnchors) {
    return new ReadOptions(Depth.VERIFY, List.of(), trustAnchors, List.of(), List.of(), AlgorithmPolicy.BASELINE_2025,
        Policy.defaults(), Optional.empty());
  }

  public static ReadOptions readAll(List<DigitalId> keys, List<X509Certificate> trustAnchors) {
    return new ReadOptions(Depth.ALL, keys, trustAnchors, List.of(), List.of(), AlgorithmPolicy.BASELINE_2025,
        Policy.defaults(), Optional.empty());
  }

  public static ReadOptions decrypt(List<DigitalId> keys) {
    return new ReadOptions(Depth.DECRYPT, keys, List.of(), List.of(), List.of(), AlgorithmPolicy.BASELINE_2025,
        Policy.defaults(), Optional.empty());
  }

  public ReadOptions withCrls(List<X509CRL> list) {
    return new ReadOptions(depth, keys, trustAnchors, intermediates, list, algorithms, policy, detachedContent,
        fetching);
  }

  public ReadOptions withIntermediates(List<X509Certificate> list) {
    return new ReadOptions(depth, keys, trustAnchors, list, crls, algorithms, policy, detachedContent, fetching);
  }

  public ReadOptions withAlgorithms(AlgorithmPolicy newAlgorithms) {
    return new ReadOptions(depth, keys, trustAnchors, intermediates, crls, newAlgorithms, policy, detachedContent,
        fetching);
  }

  public ReadOptions withPolicy(Policy newPolicy) {
    return new ReadOptions(depth, keys, trustAnchors, intermediates, crls, algorithms, newPolicy, detachedContent,
        fetching);
  }

  public ReadOptions withDetachedContent(InputStream content) {
    return new ReadOptions(depth, keys, trustAnchors, intermediates, crls, algorithms, policy, Optional.of(content),
        fetching);
  }

  public ReadOptions withFetching(RevocationFetching newFetching) {
    return new ReadOptions(depth, keys, trustAnchors, intermediates, crls, algorithms, policy, detachedContent,
        newFetching);
  }
}
