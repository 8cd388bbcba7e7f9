package dev.signet.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import org.bouncycastle.cms.CMSException;
import org.junit.jupiter.api.Test;

/** Parser failures told without Java class names. */
class ErrorTextTest {
  @Test
  void aClassCastExceptionNamesTheAsn1ElementsInstead() {
    ClassCastException e = new ClassCastException("class org.bouncycastle.asn1.DLTaggedObjectParser cannot be cast to"
        + " class org.bouncycastle.asn1.ASN1SetParser (org.bouncycastle.asn1.DLTaggedObjectParser and"
        + " org.bouncycastle.asn1.ASN1SetParser are in unnamed module of loader 'app')");

    assertThat(ErrorText.of(e)).isEqualTo("a tagged element where a SET was expected");
    assertThat(ErrorText.of(new CMSException("", e))).isEqualTo("a tagged element where a SET was expected");
    assertThat(ErrorText.of(new ClassCastException("class org.bouncycastle.asn1.DEROctetString cannot be cast to"
        + " class org.bouncycastle.asn1.ASN1ObjectIdentifier"))).isEqualTo("an OCTET STRING where an OBJECT IDENTIFIER was expected");
    assertThat(ErrorText.of(new ClassCastException())).isEqualTo("an unreadable structure");
  }

  @Test
  void aClassNamedInAMessageBecomesTheElementItStandsFor() {
    assertThat(ErrorText.of(new IOException("unknown object encountered: class org.bouncycastle.asn1.ASN1Integer")))
        .isEqualTo("unknown object encountered: an INTEGER");
  }

  @Test
  void quotedExceptionsAndTheJdkParsersMethodNamesAreDropped() {
    assertThat(ErrorText.of(new java.security.cert.CertificateException(
        "java.io.IOException: DerValue.getOID, not an OID 4"))).isEqualTo("not an OID 4");
    assertThat(ErrorText.of(new IOException("subject key, java.security.InvalidKeyException: Invalid EC key")))
        .isEqualTo("subject key, Invalid EC key");
  }

  @Test
  void withoutAMessageTheCauseSpeaksOrAPlainPhraseDoes() {
    assertThat(ErrorText.of(new CMSException("", new EOFException()))).isEqualTo("the input ends too early (truncated?)");
    assertThat(ErrorText.of(new IllegalStateException(new IOException("bad length")))).isEqualTo(
        "bad length");
    assertThat(ErrorText.of(new NullPointerException())).isEqualTo("an unreadable structure");
  }

  @Test
  void ordinaryMessagesAreLeftAlone() {
    assertThat(ErrorText.of(new IOException("DEF length 12 object truncated by 3"))).isEqualTo(
        "DEF length 12 object truncated by 3");
    assertThat(ErrorText.of(new IOException("no such host mail.example.org"))).isEqualTo("no such host mail.example.org");
  }
}
