package dev.signet.core;

import java.util.Arrays;
import java.util.Optional;

/** Message digests. SHA-1 and MD5 are read in old mail under the legacy policy only. */
public enum DigestAlgorithm {
  SHA_256("2.16.840.1.101.3.4.2.1", "SHA-256", "sha-256", false),
  SHA_384("2.16.840.1.101.3.4.2.2", "SHA-384", "sha-384", false),
  SHA_512("2.16.840.1.101.3.4.2.3", "SHA-512", "sha-512", false),
  SHA_1("1.3.14.3.2.26", "SHA-1", "sha-1", true),
  MD5("1.2.840.113549.2.5", "MD5", "md5", true);

  private final String oid;
  private final String jcaName;
  private final String micalg;
  private final boolean legacy;

  DigestAlgorithm(String oid, String jcaName, String micalg, boolean legacy) {
    this.oid = oid;
    this.jcaName = jcaName;
    this.micalg = micalg;
    this.legacy = legacy;
  }

  public String oid() {
    return oid;
  }

  public String jcaName() {
    return jcaName;
  }

  /** The multipart/signed micalg parameter value (RFC 8551 section 3.5.3). */
  public String micalg() {
    return micalg;
  }

  public boolean isLegacy() {
    return legacy;
  }

  public static Optional<DigestAlgorithm> fromOid(String oid) {
    return Arrays.stream(values()).filter(d -> d.oid.equals(oid)).findFirst();
  }

  public static Optional<DigestAlgorithm> fromMicalg(String micalg) {
    return Arrays.stream(values()).filter(d -> d.micalg.equalsIgnoreCase(micalg.trim())).findFirst();
  }

  /** Parses a command-line name such as {@code sha256} or {@code SHA-256}. */
  public static Optional<DigestAlgorithm> fromName(String name) {
    String n = name.replace("-", "").toLowerCase(java.util.Locale.ROOT);
    return Arrays.stream(values())
        .filter(d -> d.jcaName.replace("-", "").toLowerCase(java.util.Locale.ROOT).equals(n))
        .findFirst();
  }
}
