package dev.signet.core.postquantum;

import dev.signet.core.DigitalId;
import dev.signet.testkit.TestPki;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.AlgorithmParameterSpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.jcajce.spec.MLDSAParameterSpec;
import org.bouncycastle.jcajce.spec.MLKEMParameterSpec;
import org.bouncycastle.jcajce.spec.SLHDSAParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Post-quantum digital IDs issued by the test PKI. Their certificates are parsed by the JDK, as
 * certificates read from files, the directory or a message are, so the engine meets the keys the
 * JDK hands back rather than Bouncy Castle's.
 */
final class PostQuantumIds {
  private static final Provider BC = new BouncyCastleProvider();

  private PostQuantumIds() {}

  /** An ML-KEM ID (ML-KEM-512, ML-KEM-768 or ML-KEM-1024): key encipherment only. */
  static DigitalId mlKem(String parameterSet) {
    return id(parameterSet, "ML-KEM", MLKEMParameterSpec.fromName(parameterSet), KeyUsage.keyEncipherment);
  }

  /** An ML-DSA ID (ML-DSA-44, ML-DSA-65 or ML-DSA-87): signing only. */
  static DigitalId mlDsa(String parameterSet) {
    return id(parameterSet, "ML-DSA", MLDSAParameterSpec.fromName(parameterSet),
        KeyUsage.digitalSignature | KeyUsage.nonRepudiation);
  }

  /** An SLH-DSA ID (SLH-DSA-SHA2-128F, ...): signing only. */
  static DigitalId slhDsa(String parameterSet) {
    return id(parameterSet, "SLH-DSA", SLHDSAParameterSpec.fromName(parameterSet),
        KeyUsage.digitalSignature | KeyUsage.nonRepudiation);
  }

  private static DigitalId id(String parameterSet, String family, AlgorithmParameterSpec spec, int keyUsage) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(family, BC);
      generator.initialize(spec);
      KeyPair pair = generator.generateKeyPair();
      List<X509Certificate> chain = TestPki.get().issue(parameterSet.toLowerCase(java.util.Locale.ROOT),
          pair.getPublic(), keyUsage);
      return DigitalId.of(pair.getPrivate(), asTheJdkParsesThem(chain));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a " + parameterSet + " ID", e);
    }
  }

  static List<X509Certificate> asTheJdkParsesThem(List<X509Certificate> chain) throws GeneralSecurityException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> out = new ArrayList<>();
    for (X509Certificate c : chain) {
      out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(c.getEncoded())));
    }
    return out;
  }
}
