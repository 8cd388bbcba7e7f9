package dev.signet.pki.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** A PKCS#10 request for one mailbox (CN and rfc822Name), signed by the key it asks a certificate for. */
public final class RequestMaker {
  private RequestMaker() {}

  public static byte[] pkcs10(KeyPair keys, String email) {
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, email).build();
    try {
      ExtensionsGenerator extensions = new ExtensionsGenerator();
      extensions.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
      return new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic())
          .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
          .build(CaKey.signer(keys.getPrivate())).getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
