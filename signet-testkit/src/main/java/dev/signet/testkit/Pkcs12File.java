package dev.signet.testkit;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/** A PKCS#12 file's bytes for an identity, protected as the external tool that reads it needs. */
final class Pkcs12File {
  private Pkcs12File() {}

  /** The identity's key and whole chain, as {@code protection} says (DER). */
  static byte[] encoded(TestPki.Identity id, char[] password, TestPki.Pkcs12Protection protection)
      throws GeneralSecurityException, OperatorCreationException, PKCSException, IOException {
    boolean pbes2 = protection == TestPki.Pkcs12Protection.PBES2_AES_256;
    OutputEncryptor encryptor = encryptor(pbes2, password);
    List<PKCS12SafeBag> certBags = certificateBags(id);
    var keyBag = new JcaPKCS12SafeBagBuilder(id.privateKey(), encryptor);
    keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId,
        new JcaX509ExtensionUtils().createSubjectKeyIdentifier(id.certificate().getPublicKey()));
    PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
    if (pbes2) {
      pfx.addEncryptedData(encryptor, certBags.toArray(new PKCS12SafeBag[0]));
    } else {
      // gpgsm 2.2 now and then fails to decrypt a 3DES-encrypted certificate bag ("decryption
      // failed; trying charset ..."); certificates are public, so this form keeps them in clear.
      for (PKCS12SafeBag bag : certBags) {
        pfx.addData(bag);
      }
    }
    pfx.addData(keyBag.build());
    return pfx.build(mac(pbes2), password).getEncoded("DER");
  }

  /** PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) as OpenSSL 3 writes, or the legacy 3DES gpgsm 2.2 needs. */
  private static OutputEncryptor encryptor(boolean pbes2, char[] password) throws OperatorCreationException {
    return pbes2
        ? new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
            .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE))
            .setIterationCount(2048).setProvider(TestPki.BC).build(password)
        : new JcePKCSPBEOutputEncryptorBuilder(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC)
            .setIterationCount(2048).setProvider(TestPki.BC).build(password);
  }

  /** The chain's certificates, the first marked with the key's local key ID. */
  private static List<PKCS12SafeBag> certificateBags(TestPki.Identity id) throws GeneralSecurityException, IOException {
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    List<PKCS12SafeBag> certBags = new ArrayList<>();
    for (int i = 0; i < id.chain().size(); i++) {
      X509Certificate c = id.chain().get(i);
      var bag = new JcaPKCS12SafeBagBuilder(c);
      if (i == 0) {
        bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId,
            utils.createSubjectKeyIdentifier(c.getPublicKey()));
      }
      certBags.add(bag.build());
    }
    return certBags;
  }

  private static BcPKCS12MacCalculatorBuilder mac(boolean pbes2) {
    return pbes2
        ? new BcPKCS12MacCalculatorBuilder(new SHA256Digest(),
            new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE))
        : new BcPKCS12MacCalculatorBuilder();
  }
}
