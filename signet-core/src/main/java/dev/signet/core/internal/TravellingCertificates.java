package dev.signet.core.internal;

import dev.signet.core.SignOptions;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** The certificates a signature we write carries, for its readers to build the signer's chain. */
final class TravellingCertificates {
  private TravellingCertificates() {}

  /**
   * What a signature that sends certificates carries: the signer's chain without its root, then the
   * certificate the signer prefers to receive encrypted mail with (RFC 8551 section 2.5.3) and its
   * issuers without the root, each once.
   */
  static List<X509Certificate> of(SignOptions options) {
    List<X509Certificate> out = new ArrayList<>(chain(options.signer().chain()));
    List<X509Certificate> encryption = options.encryptionKeyChain().isEmpty()
        ? options.encryptionKeyPreference().map(List::of).orElse(List.of())
        : chain(options.encryptionKeyChain());
    encryption.stream().filter(c -> !out.contains(c)).forEach(out::add);
    return out;
  }

  /** The signer's chain without its root (a self-signed end entity travels, it is the signer). */
  static List<X509Certificate> chain(List<X509Certificate> chain) {
    List<X509Certificate> out = new ArrayList<>();
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate c = chain.get(i);
      boolean selfSigned = c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
      if (i == 0 || !selfSigned) {
        out.add(c);
      }
    }
    return out;
  }
}
