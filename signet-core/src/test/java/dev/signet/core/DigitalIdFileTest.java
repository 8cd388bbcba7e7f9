package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.junit.jupiter.api.Test;

/** The PKCS#12 file a digital ID is written to. */
class DigitalIdFileTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] PASSWORD = "correct horse".toCharArray();

  @Test
  void theCertificatesAndTheKeyAreEncryptedWithASaltAndIvOfTheirOwn() throws IOException {
    List<AlgorithmIdentifier> schemes = encryptionSchemes(written(anId()));

    assertThat(schemes).hasSize(2);
    PBES2Parameters certificates = PBES2Parameters.getInstance(schemes.get(0).getParameters());
    PBES2Parameters key = PBES2Parameters.getInstance(schemes.get(1).getParameters());
    assertThat(iv(certificates)).isNotEqualTo(iv(key));
    assertThat(salt(certificates)).isNotEqualTo(salt(key));
  }

  @Test
  void aFileLargerThanAnyDigitalIdIsRefusedWithoutBeingReadWhole() {
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return '0';
      }
    };

    assertThatThrownBy(() -> DigitalId.readPkcs12(endless, "pw".toCharArray()))
        .isInstanceOf(MalformedInputException.class).hasMessage("not a PKCS#12 digital ID: larger than 1 MiB");
  }

  @Test
  void aWrittenIdReadsBackWithItsKeyAndCertificate() throws IOException {
    DigitalId id = anId();

    DigitalId read = DigitalId.readPkcs12(new ByteArrayInputStream(written(id)), PASSWORD);

    assertThat(read.certificate()).isEqualTo(id.certificate());
    assertThat(read.privateKey().getEncoded()).isEqualTo(id.privateKey().getEncoded());
  }

  private static DigitalId anId() {
    return DigitalId.selfSigned("a@example.org", "A", KeyType.EC_P256, Clock.systemUTC(), RANDOM);
  }

  /** {@code id} as PKCS#12, with few PBKDF2 iterations to keep the test quick. */
  private static byte[] written(DigitalId id) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    id.writePkcs12(out, PASSWORD, 1000, RANDOM);
    return out.toByteArray();
  }

  /** The PBES2 algorithm of each encrypted item, in file order: the encrypted data, then shrouded keys. */
  private static List<AlgorithmIdentifier> encryptionSchemes(byte[] pkcs12) throws IOException {
    List<AlgorithmIdentifier> schemes = new ArrayList<>();
    for (var info : new PKCS12PfxPdu(pkcs12).getContentInfos()) {
      if (info.getContentType().equals(PKCSObjectIdentifiers.encryptedData)) {
        schemes.add(EncryptedData.getInstance(info.getContent()).getEncryptionAlgorithm());
      } else {
        for (PKCS12SafeBag bag : new PKCS12SafeBagFactory(info).getSafeBags()) {
          if (bag.getBagValue() instanceof PKCS8EncryptedPrivateKeyInfo shrouded) {
            schemes.add(shrouded.getEncryptionAlgorithm());
          }
        }
      }
    }
    return schemes;
  }

  private static byte[] iv(PBES2Parameters scheme) {
    return ASN1OctetString.getInstance(scheme.getEncryptionScheme().getParameters()).getOctets();
  }

  private static byte[] salt(PBES2Parameters scheme) {
    return PBKDF2Params.getInstance(scheme.getKeyDerivationFunc().getParameters()).getSalt();
  }
}
