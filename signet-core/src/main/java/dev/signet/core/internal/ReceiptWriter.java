package dev.signet.core.internal;

import dev.signet.core.DigestAlgorithm;
import dev.signet.core.SignOptions;
import dev.signet.core.SignedReceiptRequest;
import dev.signet.core.UnsupportedAlgorithmException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Writes a signed receipt (RFC 2634 section 2.4): a SignedData of content type id-ct-receipt whose
 * signer's attributes carry the msgSigDigest of the original signature, as an S/MIME message of
 * smime-type signed-receipt addressed to receiptsTo.
 */
public final class ReceiptWriter {
  private final Clock clock;
  private final SecureRandom random;

  public ReceiptWriter(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  public void write(SignedReceiptRequest original, SignOptions options, String from, OutputStream out)
      throws IOException {
    byte[] der = signedData(original, options);
    String headers = "From: " + from + "\r\nTo: " + String.join(", ", original.request().receiptsTo())
        + "\r\nSubject: Signed receipt\r\nDate: "
        + DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atZone(ZoneOffset.UTC))
        + "\r\nMIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; smime-type=signed-receipt;"
        + " name=\"smime.p7m\"\r\nContent-Transfer-Encoding: base64\r\n"
        + "Content-Disposition: attachment; filename=\"smime.p7m\"\r\n\r\n";
    out.write(headers.getBytes(StandardCharsets.US_ASCII));
    try (OutputStream b64 = new Base64Encoding(out)) {
      b64.write(der);
    }
    out.write(new byte[] {'\r', '\n'});
    out.flush();
  }

  private byte[] signedData(SignedReceiptRequest original, SignOptions options) throws IOException {
    var id = options.signer();
    try {
      DigestAlgorithm digest = AlgorithmRegistry.signingDigest(id.privateKey(), options.digest());
      ASN1EncodableVector attrs = new ASN1EncodableVector();
      attrs.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(clock.instant())))));
      attrs.add(new Attribute(EssEncoding.MSG_SIG_DIGEST, new DERSet(new DEROctetString(original.msgSigDigest()))));
      CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
      gen.addSignerInfoGenerator(SignerInfos.of(options, digest, new AttributeTable(attrs), random));
      gen.addCertificates(new JcaCertStore(TravellingCertificates.chain(id.chain())));
      byte[] receipt = EssEncoding.der(original.receipt());
      return gen.generate(new CMSProcessableByteArray(EssEncoding.RECEIPT_CONTENT, receipt), true).getEncoded("DER");
    } catch (OperatorCreationException | GeneralSecurityException | CMSException e) {
      throw new UnsupportedAlgorithmException("cannot sign the receipt with this digital ID: " + e.getMessage(), e);
    }
  }
}
