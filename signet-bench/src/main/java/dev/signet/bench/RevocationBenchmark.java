package dev.signet.bench;

import dev.signet.testkit.TestPki;
import dev.signet.testkit.TestPki.KeyKind;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorResult;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Revocation and chain checks with the JDK's certificate classes, as the engine uses them. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RevocationBenchmark {
  static final int REVOKED_ENTRIES = 100_000;

  /** A JDK {@link X509CRL} with 100,000 random 64-bit serials, one of them and one absent serial. */
  @State(Scope.Benchmark)
  public static class LargeCrl {
    X509CRL crl;
    BigInteger revokedSerial;
    BigInteger unrevokedSerial;

    @Setup
    public void setUp() throws GeneralSecurityException, OperatorCreationException {
      SecureRandom random = new SecureRandom();
      Date now = new Date();
      X509v2CRLBuilder builder = new X509v2CRLBuilder(new X500Name("CN=Signet Bench CRL Issuer"), now);
      builder.setNextUpdate(new Date(now.getTime() + TimeUnit.DAYS.toMillis(7)));
      for (int i = 0; i < REVOKED_ENTRIES; i++) {
        BigInteger serial = new BigInteger(64, random);
        builder.addCRLEntry(serial, now, CRLReason.keyCompromise);
        if (i == REVOKED_ENTRIES / 2) {
          revokedSerial = serial;
        }
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      KeyPair issuer = generator.generateKeyPair();
      crl = new JcaX509CRLConverter().getCRL(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
      unrevokedSerial = BigInteger.ONE.shiftLeft(64).add(BigInteger.ONE);
      if (crl.getRevokedCertificate(revokedSerial) == null || crl.getRevokedCertificate(unrevokedSerial) != null) {
        throw new IllegalStateException("CRL fixture is wrong");
      }
    }
  }

  /** TestPki's RSA-2048 end entity and intermediate, the PKIX parameters (root anchor, no revocation). */
  @State(Scope.Benchmark)
  public static class TestPkiChain {
    CertPathValidator validator;
    PKIXParameters parameters;
    CertPath path;

    @Setup
    public void setUp() throws GeneralSecurityException {
      TestPki pki = TestPki.get();
      List<X509Certificate> chain = pki.identity(KeyKind.RSA_2048).chain();
      path = CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, chain.size() - 1));
      parameters = new PKIXParameters(Set.of(new TrustAnchor(pki.root(), null)));
      parameters.setRevocationEnabled(false);
      validator = CertPathValidator.getInstance("PKIX");
    }
  }

  @Benchmark
  public X509CRLEntry crlLookupRevoked(LargeCrl s) {
    return s.crl.getRevokedCertificate(s.revokedSerial);
  }

  @Benchmark
  public X509CRLEntry crlLookupNotRevoked(LargeCrl s) {
    return s.crl.getRevokedCertificate(s.unrevokedSerial);
  }

  @Benchmark
  public CertPathValidatorResult pkixValidateTestPkiChain(TestPkiChain s) throws GeneralSecurityException {
    return s.validator.validate(s.path, s.parameters);
  }
}
