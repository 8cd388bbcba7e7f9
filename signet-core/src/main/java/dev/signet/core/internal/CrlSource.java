package dev.signet.core.internal;

import dev.signet.core.Certificates;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;

/**
 * Finds an issuer's CRLs for a certificate: among those given, then (when fetching) in the cache
 * and at the certificate's distribution points. Only CRLs the issuer signed are returned; the
 * newest wins. Base CRLs and delta CRLs (RFC 5280 section 5.2.4) are looked for separately.
 */
final class CrlSource {
  private final List<X509CRL> given;
  private final Optional<HttpFetcher> fetcher;
  private final Optional<RevocationCache> cache;
  private final Clock clock;

  CrlSource(List<X509CRL> given, Optional<HttpFetcher> fetcher, Optional<RevocationCache> cache, Clock clock) {
    this.given = given;
    this.fetcher = fetcher;
    this.cache = cache;
    this.clock = clock;
  }

  /** The newest complete CRL from {@code issuer}; failures to fetch are added to {@code notes}. */
  Optional<X509CRL> base(X509Certificate cert, X509Certificate issuer, List<String> notes) {
    List<X509CRL> found = new ArrayList<>(given.stream().filter(c -> !isDelta(c) && signedBy(c, issuer)).toList());
    if (fetcher.isPresent() && found.stream().noneMatch(this::current)) {
      found.addAll(fetched(CertificateUrls.crlDistributionPoints(cert), issuer, notes, false));
    }
    return newest(found);
  }

  /** The newest delta CRL from {@code issuer} that applies to {@code base}. */
  Optional<X509CRL> delta(X509Certificate cert, X509Certificate issuer, X509CRL base, List<String> notes) {
    List<X509CRL> found = new ArrayList<>(given.stream().filter(c -> isDelta(c) && signedBy(c, issuer)).toList());
    if (fetcher.isPresent()) {
      found.addAll(fetched(CertificateUrls.freshestCrl(cert, base), issuer, notes, true));
    }
    Optional<BigInteger> baseNumber = number(base, Extension.cRLNumber);
    return newest(found.stream().filter(d -> baseNumber.isPresent()
        && number(d, Extension.deltaCRLIndicator).map(n -> n.compareTo(baseNumber.get()) <= 0).orElse(false)
        && number(d, Extension.cRLNumber).map(n -> n.compareTo(baseNumber.get()) > 0).orElse(false)).toList());
  }

  private List<X509CRL> fetched(List<URI> urls, X509Certificate issuer, List<String> notes, boolean delta) {
    List<X509CRL> out = new ArrayList<>();
    for (URI url : urls) {
      Optional<X509CRL> cached = cache.flatMap(c -> c.current(url.toString(), clock.instant(), CrlSource::parse,
              crl -> Optional.ofNullable(crl.getNextUpdate()).map(Date::toInstant)))
          .filter(c -> isDelta(c) == delta && signedBy(c, issuer));
      if (cached.isPresent()) {
        out.add(cached.get());
        continue;
      }
      download(url, issuer, delta, notes).ifPresent(out::add);
    }
    return out;
  }

  private Optional<X509CRL> download(URI url, X509Certificate issuer, boolean delta, List<String> notes) {
    try {
      byte[] bytes = fetcher.orElseThrow().get(url);
      X509CRL crl = parse(bytes);
      if (isDelta(crl) != delta || !signedBy(crl, issuer)) {
        notes.add("the CRL at " + url + " is not " + (delta ? "a delta" : "a complete") + " CRL signed by "
            + Certificates.subject(issuer));
        return Optional.empty();
      }
      cache.ifPresent(c -> c.store(url.toString(), bytes));
      return Optional.of(crl);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      notes.add("no CRL from " + url + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  static X509CRL parse(byte[] bytes) throws GeneralSecurityException {
    return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(bytes));
  }

  private boolean current(X509CRL crl) {
    return crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isAfter(clock.instant());
  }

  private static Optional<X509CRL> newest(List<X509CRL> crls) {
    return crls.stream().max(Comparator.comparing(X509CRL::getThisUpdate));
  }

  static boolean isDelta(X509CRL crl) {
    return crl.getExtensionValue(Extension.deltaCRLIndicator.getId()) != null;
  }

  private static Optional<BigInteger> number(X509CRL crl, org.bouncycastle.asn1.ASN1ObjectIdentifier extension) {
    byte[] ext = crl.getExtensionValue(extension.getId());
    if (ext == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(ASN1Integer.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getValue());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static boolean signedBy(X509CRL crl, X509Certificate issuer) {
    if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      return false;
    }
    try {
      crl.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
