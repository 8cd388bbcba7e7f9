package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

/** How a certificate's names are written for people. */
class CertificatesTest {

  /** An attribute as OpenSSL-made certificates carry it, an IA5String of up to 127 characters. */
  private static String ia5(String oid, String value) {
    byte[] text = value.getBytes(StandardCharsets.US_ASCII);
    return oid + "=#16" + HexFormat.of().toHexDigits((byte) text.length) + HexFormat.of().formatHex(text);
  }

  @Test
  void anEmailAddressInANameIsWrittenAsTextAsOpenSslNamesIt() {
    X500Principal name = new X500Principal(ia5("1.2.840.113549.1.9.1", "alice@example.org") + ",CN=Alice");

    assertThat(name.getName()).startsWith("1.2.840.113549.1.9.1=#16");
    assertThat(Certificates.name(name)).isEqualTo("emailAddress=alice@example.org,CN=Alice");
  }

  @Test
  void aSerialNumberInANameIsWrittenAsText() {
    X500Principal name = new X500Principal("CN=Alice,SERIALNUMBER=A-12", Map.of("SERIALNUMBER", "2.5.4.5"));

    assertThat(Certificates.name(name)).isEqualTo("CN=Alice,serialNumber=A-12");
  }

  @Test
  void aNameOfRfc4514sKeywordsAloneIsWrittenAsRfc4514WritesIt() {
    X500Principal name = new X500Principal("CN=Audit Root CA,O=Example\\, Inc.,C=DE");

    assertThat(Certificates.name(name)).isEqualTo(name.getName()).isEqualTo("CN=Audit Root CA,O=Example\\, Inc.,C=DE");
  }
}
