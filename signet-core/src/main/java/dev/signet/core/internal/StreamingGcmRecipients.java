package dev.signet.core.internal;

import java.security.Key;
import java.security.PrivateKey;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientOperator;
import org.bouncycastle.cms.jcajce.JceKEMRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipient;

/** Recipients for AuthEnvelopedData whose content is decrypted by {@link StreamingGcmDecryptor}. */
final class StreamingGcmRecipients {
  private StreamingGcmRecipients() {}

  static Recipient keyTransport(PrivateKey key) {
    return new KeyTrans(key).setProvider(AlgorithmRegistry.bc());
  }

  static Recipient keyAgreement(PrivateKey key) {
    return new KeyAgree(key).setProvider(AlgorithmRegistry.bc());
  }

  static Recipient kem(PrivateKey key) {
    return new Kem(PostQuantum.usable(key)).setProvider(AlgorithmRegistry.bc());
  }

  private static final class Kem extends JceKEMRecipient {
    Kem(PrivateKey key) {
      super(key);
    }

    @Override
    public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyEncryption, AlgorithmIdentifier content,
        byte[] encryptedKey) throws CMSException {
      Key secret = extractSecretKey(keyEncryption, content, encryptedKey);
      return new RecipientOperator(decryptor(content, secret));
    }
  }

  private static final class KeyTrans extends JceKeyTransRecipient {
    KeyTrans(PrivateKey key) {
      super(key);
    }

    @Override
    public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyEncryption, AlgorithmIdentifier content,
        byte[] encryptedKey) throws CMSException {
      Key secret = extractSecretKey(keyEncryption, content, encryptedKey);
      return new RecipientOperator(decryptor(content, secret));
    }
  }

  /** The intrinsic-speed path where it applies (12-byte nonces: all that we and OpenSSL write). */
  private static org.bouncycastle.operator.InputAEADDecryptor decryptor(AlgorithmIdentifier content, Key secret) {
    return IntrinsicGcmDecryptor.handles(content) ? new IntrinsicGcmDecryptor(content, secret)
        : new StreamingGcmDecryptor(content, secret);
  }

  private static final class KeyAgree extends JceKeyAgreeRecipient {
    KeyAgree(PrivateKey key) {
      super(key);
    }

    @Override
    public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyEncryption, AlgorithmIdentifier content,
        SubjectPublicKeyInfo senderKey, ASN1OctetString ukm, byte[] encryptedKey) throws CMSException {
      Key secret = extractSecretKey(keyEncryption, content, senderKey, ukm, encryptedKey);
      return new RecipientOperator(decryptor(content, secret));
    }
  }
}
