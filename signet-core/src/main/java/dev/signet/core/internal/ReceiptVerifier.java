package dev.signet.core.internal;

import dev.signet.core.Limits;
import dev.signet.core.MalformedInputException;
import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import dev.signet.core.ReadOptions;
import dev.signet.core.Receipt;
import dev.signet.core.ReceiptReport;
import dev.signet.core.SignedReceiptRequest;
import dev.signet.core.SmimeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

/**
 * Validates a signed receipt against the request it answers (RFC 2634 section 2.8): the receipt's
 * signatures, its msgSigDigest against the original signed attributes, and the content
 * identifier, content type and signature value it names.
 */
public final class ReceiptVerifier {
  /** A receipt is a few hundred bytes plus certificates. */
  private static final int MAX_RECEIPT_BYTES = 1 << 20;
  private static final byte[] PEM_BEGIN = "-----BEGIN".getBytes(StandardCharsets.US_ASCII);
  private final ReadOptions options;
  private final Limits limits;
  private final Instant at;

  public ReceiptVerifier(ReadOptions options, Limits limits, Instant at) {
    this.options = options;
    this.limits = limits;
    this.at = at;
  }

  public ReceiptReport verify(InputStream message, SignedReceiptRequest original) throws IOException {
    CMSSignedData signed = signedData(message);
    try {
      return judge(signed, original);
    } catch (SmimeException e) {
      throw e;
    } catch (RuntimeException e) {
      // Bouncy Castle parses signerInfos, certificates and signed attributes lazily and throws on malformed ones.
      throw new MalformedInputException("not a signed receipt: " + ErrorText.of(e), e);
    }
  }

  private ReceiptReport judge(CMSSignedData signed, SignedReceiptRequest original) {
    Receipt receipt = receipt(signed);
    List<SignerInformation> infos = new ArrayList<>(signed.getSignerInfos().getSigners());
    if (infos.size() > limits.maxSigners()) {
      throw new MalformedInputException("more than " + limits.maxSigners() + " signers");
    }
    var outcome = new SignerVerifier(options, limits, at)
        .verify(infos, signed.getCertificates(), Optional.empty());
    List<Problem> problems = new ArrayList<>(outcome.problems());
    problems.addAll(mismatches(receipt, original));
    infos.forEach(i -> msgSigDigest(i, original).ifPresent(problems::add));
    return new ReceiptReport(Optional.of(receipt), outcome.signers(), problems);
  }

  /** The receipt content, not yet checked: to find the request it claims to answer. */
  public Receipt content(InputStream message) throws IOException {
    return receipt(signedData(message));
  }

  private static Receipt receipt(CMSSignedData signed) {
    if (!EssEncoding.RECEIPT_CONTENT.getId().equals(signed.getSignedContentTypeOID())) {
      throw new MalformedInputException("not a signed receipt: its content type is " + signed.getSignedContentTypeOID());
    }
    return EssEncoding.receipt((byte[]) signed.getSignedContent().getContent());
  }

  private static List<Problem> mismatches(Receipt receipt, SignedReceiptRequest original) {
    List<Problem> out = new ArrayList<>();
    if (!receipt.contentIdentifier().equals(original.request().contentIdentifier())) {
      out.add(mismatch("the receipt names content identifier " + receipt.contentIdentifier() + ", the original "
          + original.request().contentIdentifier()));
    }
    if (!receipt.contentType().equals(original.contentType())) {
      out.add(mismatch("the receipt names content type " + receipt.contentType() + ", the original "
          + original.contentType()));
    }
    if (!Arrays.equals(receipt.originatorSignatureValue(), original.signatureValue())) {
      out.add(mismatch("the receipt names another signature value than the original's"));
    }
    return out;
  }

  /** The signer's msgSigDigest must be the digest of the original signed attributes. */
  private static Optional<Problem> msgSigDigest(SignerInformation signer, SignedReceiptRequest original) {
    AttributeTable attrs = signer.getSignedAttributes();
    ASN1EncodableVector found = attrs == null ? new ASN1EncodableVector() : attrs.getAll(EssEncoding.MSG_SIG_DIGEST);
    if (found.size() != 1 || ((Attribute) found.get(0)).getAttrValues().size() != 1) {
      return Optional.of(mismatch("the receipt's signer has no single msgSigDigest attribute"));
    }
    try {
      byte[] digest = ASN1OctetString.getInstance(((Attribute) found.get(0)).getAttrValues().getObjectAt(0)).getOctets();
      return Arrays.equals(digest, original.msgSigDigest()) ? Optional.empty()
          : Optional.of(mismatch("the receipt's msgSigDigest is not the digest of the original signed attributes"));
    } catch (IllegalArgumentException e) {
      return Optional.of(mismatch("the receipt's msgSigDigest is not an OCTET STRING"));
    }
  }

  private static Problem mismatch(String message) {
    return Problem.of(ProblemCode.RECEIPT_MISMATCH, message);
  }

  /** The SignedData of a receipt given as an S/MIME message, as PEM, or as DER. */
  private CMSSignedData signedData(InputStream message) throws IOException {
    MimeInput in = new MimeInput(message);
    InputStream body;
    if (in.peek() == 0x30) {
      body = in.rest();
    } else if (in.startsWith(PEM_BEGIN)) {
      body = PemBody.open(in);
    } else {
      HeaderBlock headers = HeaderBlock.read(in, limits);
      if (!headers.contentType().isPkcs7Mime()) {
        throw new MalformedInputException("not a signed receipt: the message is not application/pkcs7-mime");
      }
      body = headers.transferEncoding().equals("base64") ? new Base64Decoding(in.rest()) : in.rest();
    }
    byte[] der = body.readNBytes(MAX_RECEIPT_BYTES + 1);
    if (der.length > MAX_RECEIPT_BYTES) {
      throw new MalformedInputException("a signed receipt larger than " + MAX_RECEIPT_BYTES + " bytes");
    }
    try {
      return new CMSSignedData(der);
    } catch (CMSException | RuntimeException e) {
      throw new MalformedInputException("not a signed receipt: " + ErrorText.of(e), e);
    }
  }
}
