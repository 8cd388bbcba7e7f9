package dev.signet.pki.internal;

import dev.signet.pki.IssuedCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The RFC 6960 responder: answers are signed by the issuing CA itself or by its delegated responder,
 * echo the request's nonce, and say good, revoked (with time and reason) or unknown (not issued by
 * this CA).
 */
public final class OcspResponder {
  private static final int MAX_REQUESTS = 16;

  private OcspResponder() {}

  /**
   * Answers for the certificates of {@code issuer}, signed by {@code signer} (the issuer, or a
   * responder it delegated to), each answer valid for {@code lifetime}.
   */
  public static byte[] answer(byte[] request, X509Certificate issuer, CaKey signer,
      Function<BigInteger, Optional<IssuedCertificate>> records, Instant now, Duration lifetime) {
    try {
      OCSPReq req;
      try {
        req = new OCSPReq(request);
      } catch (IOException | RuntimeException e) {
        return status(OCSPRespBuilder.MALFORMED_REQUEST);
      }
      Req[] list = req.getRequestList();
      if (list.length == 0 || list.length > MAX_REQUESTS) {
        return status(OCSPRespBuilder.MALFORMED_REQUEST);
      }
      DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
      X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
      BasicOCSPRespBuilder b = new JcaBasicOCSPRespBuilder(signer.certificate().getPublicKey(),
          digests.get(CertificateID.HASH_SHA1));
      for (Req one : list) {
        CertificateID id = one.getCertID();
        CertificateStatus status = id.matchesIssuer(issuerHolder, digests)
            ? status(records.apply(id.getSerialNumber())) : new UnknownStatus();
        b.addResponse(id, status, Date.from(now), Date.from(now.plus(lifetime)));
      }
      Extension nonce = req.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
      if (nonce != null) {
        b.setResponseExtensions(new Extensions(nonce));
      }
      return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL,
          b.build(signer.signer(), new X509CertificateHolder[] {new JcaX509CertificateHolder(signer.certificate())},
              Date.from(now))).getEncoded();
    } catch (OCSPException | OperatorCreationException | CertificateEncodingException e) {
      return status(OCSPRespBuilder.INTERNAL_ERROR);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CertificateStatus status(Optional<IssuedCertificate> record) {
    if (record.isEmpty()) {
      return new UnknownStatus();
    }
    return record.get().revocation()
        .<CertificateStatus>map(r -> new RevokedStatus(Date.from(r.at()), CRLReason.lookup(r.reason().code()).getValue().intValue()))
        .orElse(CertificateStatus.GOOD);
  }

  private static byte[] status(int code) {
    try {
      OCSPResp resp = new OCSPRespBuilder().build(code, null);
      return resp.getEncoded();
    } catch (OCSPException | IOException e) {
      throw new IllegalStateException("cannot encode an OCSP status", e);
    }
  }
}
