package dev.signet.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Certificate requests made in code for the tests: a key pair and a PKCS#10 naming one mailbox. */
record Requests(KeyPair keys, byte[] der) {

  static KeyPair rsa(int bits) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(bits);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair ec(String curve) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec(curve));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static Requests forMailbox(String email) {
    return forMailbox(email, ec("secp256r1"));
  }

  static Requests forMailbox(String email, KeyPair keys) {
    try {
      ExtensionsGenerator extensions = new ExtensionsGenerator();
      extensions.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
      JcaPKCS10CertificationRequestBuilder b = new JcaPKCS10CertificationRequestBuilder(
          new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, email).build(), keys.getPublic());
      b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
      return signed(b, keys);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request naming its mailbox only in the subject's emailAddress, as {@code openssl req -subj} makes one. */
  static Requests forSubjectEmail(String email) {
    KeyPair keys = ec("secp256r1");
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.EmailAddress, email).build();
    return signed(new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic()), keys);
  }

  private static Requests signed(JcaPKCS10CertificationRequestBuilder builder, KeyPair keys) {
    String algorithm = keys.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    try {
      return new Requests(keys, builder.build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate())).getEncoded());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }
}
