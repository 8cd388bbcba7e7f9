package dev.signet.core.internal;

import dev.signet.core.Certificates;
import dev.signet.core.ContentCipher;
import dev.signet.core.KeyTransport;
import dev.signet.core.UnsupportedAlgorithmException;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKEMRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;

/** How the content key reaches each recipient: key transport, key agreement or KEM, as its key allows. */
final class RecipientInfos {
  private RecipientInfos() {}

  static RecipientInfoGenerator of(X509Certificate cert, KeyTransport transport, ContentCipher cipher,
      SecureRandom random) throws GeneralSecurityException, CMSException {
    PublicKey key = cert.getPublicKey();
    if (PostQuantum.of(key).filter(PostQuantum.ML_KEM::equals).isPresent()) {
      return kem(cert, random);
    }
    if (key instanceof RSAPublicKey) {
      return keyTransport(cert, transport);
    }
    return keyAgreement(cert, cipher, random);
  }

  private static RecipientInfoGenerator keyTransport(X509Certificate cert, KeyTransport transport)
      throws GeneralSecurityException {
    if (transport == KeyTransport.RSA_OAEP) {
      AlgorithmIdentifier sha256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);
      RSAESOAEPparams params = new RSAESOAEPparams(sha256,
          new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, sha256), RSAESOAEPparams.DEFAULT_P_SOURCE_ALGORITHM);
      return new JceKeyTransRecipientInfoGenerator(cert,
          new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, params));
    }
    return new JceKeyTransRecipientInfoGenerator(cert);
  }

  private static RecipientInfoGenerator keyAgreement(X509Certificate cert, ContentCipher cipher, SecureRandom random)
      throws GeneralSecurityException, CMSException {
    PublicKey key = cert.getPublicKey();
    ASN1ObjectIdentifier wrap = cipher.keyBits() > 128 ? CMSAlgorithm.AES256_WRAP : CMSAlgorithm.AES128_WRAP;
    KeyPairGenerator ephemeral;
    ASN1ObjectIdentifier agreement;
    if (key instanceof ECPublicKey ec) {
      ephemeral = KeyPairGenerator.getInstance("EC", AlgorithmRegistry.bc());
      ephemeral.initialize(ec.getParams(), random);
      agreement = CMSAlgorithm.ECDH_SHA256KDF;
    } else if (key.getAlgorithm().equalsIgnoreCase("XDH") || key.getAlgorithm().equalsIgnoreCase("X25519")) {
      ephemeral = KeyPairGenerator.getInstance("X25519", AlgorithmRegistry.bc());
      // Bouncy Castle runs X25519 only under the HKDF scheme; its X9.63-KDF OID is wired to EC ECDH.
      agreement = CMSAlgorithm.ECDH_HKDF_SHA256;
    } else {
      throw new UnsupportedAlgorithmException("cannot encrypt to a " + key.getAlgorithm() + " certificate: "
          + Certificates.subject(cert));
    }
    var pair = ephemeral.generateKeyPair();
    return new JceKeyAgreeRecipientInfoGenerator(agreement, pair.getPrivate(), pair.getPublic(), wrap)
        .setProvider(AlgorithmRegistry.bc())
        .setSecureRandom(random)
        .addRecipient(cert);
  }

  /**
   * A KEMRecipientInfo (RFC 9629) as RFC 9936 profiles it for ML-KEM: HKDF-SHA256, and AES key wrap
   * of the strength of the parameter set.
   */
  private static RecipientInfoGenerator kem(X509Certificate cert, SecureRandom random)
      throws GeneralSecurityException {
    X509Certificate usable = new JcaX509CertificateConverter().setProvider(AlgorithmRegistry.bc())
        .getCertificate(new JcaX509CertificateHolder(cert));
    return new JceKEMRecipientInfoGenerator(usable, PostQuantum.kemKeyWrap(usable.getPublicKey()))
        .setKDF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_alg_hkdf_with_sha256))
        .setProvider(AlgorithmRegistry.bc())
        .setSecureRandom(random);
  }
}
