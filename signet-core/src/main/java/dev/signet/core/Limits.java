package dev.signet.core;

/**
 * Bounds on what an untrusted message may make Signet do. Every limit is positive; there is no
 * "unlimited".
 *
 * @param maxDepth how deeply layers and MIME entities may nest
 * @param maxHeaderBytes the size of one entity's header block
 * @param maxHeaderFields the number of fields in one header block
 * @param maxParts MIME parts in the whole message
 * @param maxSigners signerInfos in one SignedData
 * @param maxRecipients recipientInfos in one EnvelopedData or AuthEnvelopedData
 * @param maxCertificates certificates carried in one SignedData
 * @param maxDecompressedBytes what one CompressedData layer may expand to
 * @param maxLineBytes one header line or PEM line (RFC 5322 allows 998 octets; real mail runs longer)
 * @param maxChainLength certificates between a signer and its trust anchor
 * @param maxNameConstraintChecks name-constraint comparisons (names times constraints) for one path
 */
public record Limits(
    int maxDepth,
    int maxHeaderBytes,
    int maxHeaderFields,
    int maxParts,
    int maxSigners,
    int maxRecipients,
    int maxCertificates,
    long maxDecompressedBytes,
    int maxLineBytes,
    int maxChainLength,
    long maxNameConstraintChecks) {

  public static final Limits DEFAULT = new Limits(16, 256 << 10, 1000, 2000, 16, 1000, 200, 4L << 30, 64 << 10,
      PathSettings.DEFAULT_MAX_CHAIN, PathSettings.DEFAULT_MAX_NAME_CONSTRAINT_CHECKS);

  public Limits {
    if (maxDepth <= 0 || maxHeaderBytes <= 0 || maxHeaderFields <= 0 || maxParts <= 0
        || maxSigners <= 0 || maxRecipients <= 0 || maxCertificates <= 0 || maxDecompressedBytes <= 0
        || maxLineBytes <= 0 || maxChainLength <= 0 || maxNameConstraintChecks <= 0) {
      throw new IllegalArgumentException("every limit must be positive");
    }
  }

  public Limits withMaxDepth(int n) {
    return new Limits(n, maxHeaderBytes, maxHeaderFields, maxParts, maxSigners, maxRecipients, maxCertificates,
        maxDecompressedBytes, maxLineBytes, maxChainLength, maxNameConstraintChecks);
  }

  public Limits withMaxHeaderBytes(int n) {
    return new Limits(maxDepth, n, maxHeaderFields, maxParts, maxSigners, maxRecipients, maxCertificates,
        maxDecompressedBytes, maxLineBytes, maxChainLength, maxNameConstraintChecks);
  }

  public Limits withMaxHeaderFields(int n) {
    return new Limits(maxDepth, maxHeaderBytes, n, maxParts, maxSigners, maxRecipients, maxCertificates,
        maxDecompressedBytes, maxLineBytes, maxChainLength, maxNameConstraintChecks);
  }

  public Limits withMaxParts(int n) {
    return new Limits(maxDepth, maxHeaderBytes, maxHeaderFields, n, maxSigners, maxRecipients, maxCertificates,
        maxDecompressedBytes, maxLineBytes, maxChainLength, maxNameConstraintChecks);
  }

  public Limits withMaxSigners(int n) {
    return new Limits(maxDepth, maxHeaderBytes, maxHeaderFields, maxParts, n, maxRecipients, maxCertificates,
        maxDecompressedBytes, maxLineBytes, maxChainLength, maxNameConstraintChecks);
  }

  public Limits withMaxRecipients(int n) {
    return new Limits(maxDepth, maxHeaderBytes, maxHeaderFields, maxParts, maxSigners, n, maxCertificates,
        maxDecompressedBytes, maxLineBytes, maxChainLength, maxNameConstraintChecks);
  }

  public Limits withMaxCertificates(int n) {
    return new Limits(maxDepth, maxHeaderBytes, maxHeaderFields, maxParts, maxSigners, maxRecipients, n,
        maxDecompressedBytes, maxLineBytes, maxChainLength, maxNameConstraintChecks);
  }

  public Limits withMaxDecompressedBytes(long n) {
    return new Limits(maxDepth, maxHeaderBytes, maxHeaderFields, maxParts, maxSigners, maxRecipients, maxCertificates,
        n, maxLineBytes, maxChainLength, maxNameConstraintChecks);
  }

  public Limits withMaxLineBytes(int n) {
    return new Limits(maxDepth, maxHeaderBytes, maxHeaderFields, maxParts, maxSigners, maxRecipients, maxCertificates,
        maxDecompressedBytes, n, maxChainLength, maxNameConstraintChecks);
  }

  public Limits withMaxChainLength(int n) {
    return new Limits(maxDepth, maxHeaderBytes, maxHeaderFields, maxParts, maxSigners, maxRecipients, maxCertificates,
        maxDecompressedBytes, maxLineBytes, n, maxNameConstraintChecks);
  }

  public Limits withMaxNameConstraintChecks(long n) {
    return new Limits(maxDepth, maxHeaderBytes, maxHeaderFields, maxParts, maxSigners, maxRecipients, maxCertificates,
        maxDecompressedBytes, maxLineBytes, maxChainLength, n);
  }
}
