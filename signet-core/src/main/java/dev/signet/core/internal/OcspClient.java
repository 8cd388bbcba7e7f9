package dev.signet.core.internal;

import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Asks an OCSP responder (RFC 6960) about one certificate and believes the answer only if it is
 * signed by the issuer or by a responder the issuer delegated (id-kp-OCSPSigning), echoes the
 * nonce sent (a response without a nonce is accepted, as RFC 8954 allows), and is fresh.
 */
final class OcspClient {
  private static final Duration SKEW = Duration.ofMinutes(5);
  /** How old a response that names no next update may be. */
  private static final Duration MAX_AGE_WITHOUT_NEXT_UPDATE = Duration.ofHours(1);

  /**
   * What the responder said: revoked (with the time) or good when believed, until its next update
   * when it names one; {@code note} says where from, or why it is not believed.
   */
  record Answer(Optional<Instant> revokedAt, boolean believed, Optional<Instant> nextUpdate, String note) {
    static Answer untrusted(String why) {
      return new Answer(Optional.empty(), false, Optional.empty(), why);
    }

    Answer kept() {
      return new Answer(revokedAt, believed, nextUpdate, note + ", kept until " + nextUpdate.orElseThrow());
    }
  }

  private final HttpFetcher fetcher;
  private final SecureRandom random;
  private final Clock clock;
  private final Optional<RevocationCache> cache;

  OcspClient(HttpFetcher fetcher, SecureRandom random, Clock clock) {
    this(fetcher, random, clock, Optional.empty());
  }

  /** With a cache, a believed answer is kept until its next update and asked again only then. */
  OcspClient(HttpFetcher fetcher, SecureRandom random, Clock clock, Optional<RevocationCache> cache) {
    this.fetcher = fetcher;
    this.random = random;
    this.clock = clock;
    this.cache = cache;
  }

  Answer ask(X509Certificate cert, X509Certificate issuer, URI url) {
    try {
      CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
          .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer), cert.getSerialNumber());
      String key = "ocsp " + url + " " + HexFormat.of().formatHex(id.getIssuerKeyHash()) + " "
          + cert.getSerialNumber().toString(16);
      Optional<Answer> kept = cache.flatMap(c -> c.current(key, clock.instant(),
          bytes -> read(bytes, id, Optional.empty(), issuer, url), a -> a.believed() ? a.nextUpdate() : Optional.empty()));
      if (kept.isPresent()) {
        return kept.get().kept();
      }
      byte[] random16 = new byte[16];
      random.nextBytes(random16);
      byte[] nonce = new DEROctetString(random16).getEncoded();
      byte[] request = new OCSPReqBuilder().addRequest(id).setRequestExtensions(new Extensions(
          new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, nonce))).build().getEncoded();
      byte[] response = fetcher.post(url, "application/ocsp-request", request);
      Answer answer = read(response, id, Optional.of(nonce), issuer, url);
      if (answer.believed() && answer.nextUpdate().isPresent()) {
        cache.ifPresent(c -> c.store(key, response));
      }
      return answer;
    } catch (IOException | OCSPException | OperatorCreationException | GeneralSecurityException | RuntimeException e) {
      return Answer.untrusted("no OCSP answer from " + url + ": " + e.getMessage());
    }
  }

  /** Judges what a responder sent about {@code id}, whatever the bytes: an answer, never an exception. */
  Answer read(byte[] response, CertificateID id, byte[] nonce, X509Certificate issuer, URI url) {
    return read(response, id, Optional.of(nonce), issuer, url);
  }

  /** Without a nonce for an answer kept from an earlier request, whose nonce was checked then. */
  private Answer read(byte[] response, CertificateID id, Optional<byte[]> nonce, X509Certificate issuer, URI url) {
    try {
      return judge(new OCSPResp(response), id, nonce, issuer, url);
    } catch (IOException | OCSPException | RuntimeException e) {
      return Answer.untrusted("an unreadable OCSP answer from " + url + ": " + e.getMessage());
    }
  }

  private Answer judge(OCSPResp resp, CertificateID id, Optional<byte[]> nonce, X509Certificate issuer, URI url)
      throws OCSPException {
    if (resp.getStatus() != OCSPResp.SUCCESSFUL || !(resp.getResponseObject() instanceof BasicOCSPResp basic)) {
      return Answer.untrusted("the OCSP responder at " + url + " answered with status " + resp.getStatus());
    }
    if (!signedByIssuerOrDelegate(basic, issuer)) {
      return Answer.untrusted("the OCSP response from " + url + " is not signed by the issuer or its delegated responder");
    }
    Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
    if (echoed != null && nonce.isPresent() && !Arrays.equals(echoed.getExtnValue().getOctets(), nonce.get())) {
      return Answer.untrusted("the OCSP response from " + url + " does not carry the nonce of the request");
    }
    for (SingleResp single : basic.getResponses()) {
      if (single.getCertID().equals(id)) {
        return judgeSingle(single, url);
      }
    }
    return Answer.untrusted("the OCSP response from " + url + " does not speak of this certificate");
  }

  private Answer judgeSingle(SingleResp single, URI url) {
    Instant now = clock.instant();
    Instant thisUpdate = single.getThisUpdate().toInstant();
    Date next = single.getNextUpdate();
    boolean fresh = !thisUpdate.isAfter(now.plus(SKEW)) && (next == null
        ? thisUpdate.isAfter(now.minus(MAX_AGE_WITHOUT_NEXT_UPDATE))
        : next.toInstant().isAfter(now.minus(SKEW)));
    if (!fresh) {
      return Answer.untrusted("the OCSP response from " + url + " is out of date (this update " + thisUpdate + ")");
    }
    Optional<Instant> nextUpdate = Optional.ofNullable(next).map(Date::toInstant);
    if (single.getCertStatus() instanceof RevokedStatus revoked) {
      return new Answer(Optional.of(revoked.getRevocationTime().toInstant()), true, nextUpdate, "OCSP from " + url);
    }
    if (single.getCertStatus() != null) {
      return Answer.untrusted("the OCSP responder at " + url + " does not know this certificate");
    }
    return new Answer(Optional.empty(), true, nextUpdate, "OCSP from " + url);
  }

  private static boolean signedByIssuerOrDelegate(BasicOCSPResp basic, X509Certificate issuer) {
    if (signatureHolds(basic, issuer.getPublicKey())) {
      return true;
    }
    for (X509CertificateHolder holder : basic.getCerts()) {
      Optional<X509Certificate> responder = delegate(holder, issuer);
      if (responder.isPresent() && signatureHolds(basic, responder.get().getPublicKey())) {
        return true;
      }
    }
    return false;
  }

  /** A responder certificate the issuer signed for OCSP signing, valid now. */
  private static Optional<X509Certificate> delegate(X509CertificateHolder holder, X509Certificate issuer) {
    try {
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
      cert.verify(issuer.getPublicKey());
      cert.checkValidity();
      boolean ocspSigning = cert.getExtendedKeyUsage() != null
          && cert.getExtendedKeyUsage().contains(KeyPurposeId.id_kp_OCSPSigning.getId());
      return ocspSigning && cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())
          ? Optional.of(cert) : Optional.empty();
    } catch (GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static boolean signatureHolds(BasicOCSPResp basic, PublicKey key) {
    try {
      return basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
    } catch (OperatorCreationException | OCSPException | RuntimeException e) {
      return false;
    }
  }
}
