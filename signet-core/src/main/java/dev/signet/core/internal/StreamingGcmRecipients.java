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
    return new KeyTrans(key).setProvider(AlgorithmRegistry.keyTransportProvider(key));
  }

  static Recipient keyAgreement(PrivateKey key) {
    return new KeyAgree(key).setProvider(AlgorithmRegistry.bc());
  }

  static Recipient kem(PrivateKey key) {
    return new Kem(PostQuantum.usable(key)).setProvider(AlgorithmRegistry.bc());
  }

  /**
   * The content decryptor for a recovered content key: the intrinsic-speed path where it applies (12-byte
   * nonces: all that we and OpenSSL write), else the streaming one.
   */
  private static RecipientOperator operator(AlgorithmIdentifier content, Key secret) {
    return new RecipientOperator(IntrinsicGcmDecryptor.handles(content) ? new IntrinsicGcmDecryptor(content, secret)
        : new StreamingGcmDecryptor(content, secret));
  }

  // One subclass per kind of recipient: each of Bouncy Castle's recovers the content key with its own
  // protected extractSecretKey, so only the last step, operator(...), is shared.

  private static final class KeyTrans extends JceKeyTransRecipient {
    KeyTrans(PrivateKey key) {
      super(key);
    }

    @Override
    public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyEncryption, AlgorithmIdentifier content,
        byte[] encryptedKey) throws CMSException {
      return operator(content, extractSecretKey(keyEncryption, content, encryptedKey));
    }
  }

  private static final class KeyAgree extends JceKeyAgreeRecipient {
    KeyAgree(PrivateKey key) {
      super(key);
    }

    @Override
    public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyEncryption, AlgorithmIdentifier content,
        SubjectPublicKeyInfo senderKey, ASN1OctetString ukm, byte[] encryptedKey) throws CMSException {
      return operator(content, extractSecretKey(keyEncryption, content, senderKey, ukm, encryptedKey));
    }
  }

  private static final class Kem extends JceKEMRecipient {
    Kem(PrivateKey key) {
      super(key);
    }

    @Override
    public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyEncryption, AlgorithmIdentifier content,
        byte[] encryptedKey) throws CMSException {
      return operator(content, extractSecretKey(keyEncryption, content, encryptedKey));
    }
  }
}
