package dev.signet.pki.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.IssuerAndSerialNumber;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.PrivateKeyPossessionStatement;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** A PKCS#10 request for one mailbox (CN and rfc822Name). */
public final class RequestMaker {
  private RequestMaker() {}

  /** Signed by the key it asks a certificate for. */
  public static byte[] pkcs10(KeyPair keys, String email) {
    try {
      return builder(keys.getPublic(), email).build(CaKey.signer(keys.getPrivate())).getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * For a key that cannot sign (ML-KEM): signed by the key of {@code signing}, the person's signing
   * certificate, which an RFC 9883 statement of possession names and carries.
   */
  public static byte[] vouchedFor(PublicKey key, String email, PrivateKey signingKey, X509Certificate signing) {
    try {
      Certificate cert = Certificate.getInstance(signing.getEncoded());
      PrivateKeyPossessionStatement statement = new PrivateKeyPossessionStatement(
          new IssuerAndSerialNumber(cert.getIssuer(), cert.getSerialNumber().getValue()), cert);
      return builder(key, email).addAttribute(CertificateRequest.STATEMENT_OF_POSSESSION, statement)
          .build(CaKey.signer(signingKey)).getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("the signing certificate cannot be encoded", e);
    }
  }

  private static PKCS10CertificationRequestBuilder builder(PublicKey key, String email) throws IOException {
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, email).build();
    ExtensionsGenerator extensions = new ExtensionsGenerator();
    extensions.addExtension(Extension.subjectAlternativeName, false,
        new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
    return new JcaPKCS10CertificationRequestBuilder(subject, key)
        .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
  }
}
