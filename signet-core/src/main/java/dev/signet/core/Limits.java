package dev.signet.core;

/**
 * Bounds on what an untrusted message may make Signet do. Every limit is positive; there is no
 * "unlimited".
 */
public record Limits(
    int maxDepth,
    int maxHeaderBytes,
    int maxHeaderFields,
    int maxParts,
    int maxSigners,
    int maxRecipients,
    int maxCertificates,
    long maxDecompressedBytes) {

  public static final Limits DEFAULT = new Limits(16, 256 << 10, 1000, 2000, 16, 1000, 200, 4L << 30);

  public Limits {
    if (maxDepth <= 0 || maxHeaderBytes <= 0 || maxHeaderFields <= 0 || maxParts <= 0
        || maxSigners <= 0 || maxRecipients <= 0 || maxCertificates <= 0 || maxDecompressedBytes <= 0) {
      throw new IllegalArgumentException("every limit must be positive");
    }
  }
}
