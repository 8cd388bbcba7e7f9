package dev.signet.cli;

import dev.signet.core.AlgorithmPolicy;
import dev.signet.core.Certificates;
import dev.signet.core.Policy;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityPolicies;
import dev.signet.core.SecurityReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of the verbs that judge a message: trust anchors, CRLs, time, algorithms, output. */
final class ReadingOptions {
  @Option(names = "--trust", paramLabel = "ROOTS.pem", description = "Trust anchors for this run; repeatable.")
  List<Path> trust = new ArrayList<>();

  @Option(names = "--system-trust", description = "Also trust the JDK's CA certificates.")
  boolean systemTrust;

  @Option(names = "--certs", paramLabel = "CERTS.pem", description = "Intermediate certificates; repeatable.")
  List<Path> intermediates = new ArrayList<>();

  @Option(names = "--crl", paramLabel = "CRL", description = "A CRL (PEM or DER) to check revocation; repeatable.")
  List<Path> crls = new ArrayList<>();

  @Mixin RevocationOption revocation;

  @Option(names = "--at", paramLabel = "TIME", description = "Judge certificates at this ISO-8601 instant instead of now.")
  String at;

  @Option(names = "--legacy", description = "Read old mail with SHA-1, MD5, DSA, RSA-1024, 3DES or RC2 (flagged).")
  boolean legacy;

  @Option(names = "--json", description = "Print the security report as JSON on standard output.")
  boolean json;

  @Mixin PolicyOption policy;

  @Option(names = "--show-anyway", description = "Write the content even when the verdict is error.")
  boolean showAnyway;

  @Option(names = "--clearance", paramLabel = "CLEARANCE",
      description = "Your clearance under the label's security policy (e.g. SECRET+FINANCE): content labelled above it"
          + " is withheld.")
  String clearance;

  @Option(names = "--out", paramLabel = "FILE", description = "Where the content goes (default: standard output).")
  Path out;

  ReadOptions apply(ReadOptions base, Terminal terminal) throws IOException {
    List<X509Certificate> anchors = CommandBase.certificates(trust);
    if (systemTrust) {
      anchors.addAll(systemAnchors());
    }
    return new ReadOptions(base.depth(), base.keys(), anchors, CommandBase.certificates(intermediates), readCrls(),
        legacy ? AlgorithmPolicy.LEGACY_READ : AlgorithmPolicy.BASELINE_2025, policy(terminal), base.detachedContent(),
        revocation.fetching());
  }

  /** Why the content's security label keeps it from a reader of --clearance, if it does. */
  Optional<String> clearanceRefusal(SecurityReport report) {
    if (clearance == null) {
      return Optional.empty();
    }
    return report.securityLabel().map(l -> SecurityPolicies.installed().access(l, clearance))
        .filter(a -> !a.granted()).map(SecurityPolicies.Access::reason);
  }

  /** The organisation's policy in force; read once. */
  Policy policy(Terminal terminal) throws IOException {
    return policy.inForce(terminal);
  }

  Clock clock() {
    if (at == null) {
      return Clock.systemUTC();
    }
    try {
      return Clock.fixed(Instant.parse(at), ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new UsageException("--at needs an ISO-8601 instant such as 2026-01-31T12:00:00Z, not " + at, e);
    }
  }

  private List<X509CRL> readCrls() throws IOException {
    List<X509CRL> all = new ArrayList<>();
    for (Path p : crls) {
      try (InputStream s = Files.newInputStream(p)) {
        all.addAll(Certificates.readCrls(s));
      }
    }
    return all;
  }

  private static List<X509Certificate> systemAnchors() throws IOException {
    try {
      var factory = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      List<X509Certificate> out = new ArrayList<>();
      for (var tm : factory.getTrustManagers()) {
        if (tm instanceof javax.net.ssl.X509TrustManager x) {
          Collections.addAll(out, x.getAcceptedIssuers());
        }
      }
      return out;
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("cannot read the system trust store", e);
    }
  }
}
