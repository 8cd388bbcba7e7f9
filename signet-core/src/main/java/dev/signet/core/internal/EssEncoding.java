package dev.signet.core.internal;

import dev.signet.core.MalformedInputException;
import dev.signet.core.Receipt;
import dev.signet.core.ReceiptRequest;
import dev.signet.core.SecurityLabel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * DER of the ESS structures (RFC 2634 module ExtendedSecurityServices, IMPLICIT TAGS; RFC 5035
 * for the EXPLICIT tag of a security category's value). Decoding is strict: the input must be
 * the DER encoding, exactly, of one well-formed value.
 */
public final class EssEncoding {
  public static final ASN1ObjectIdentifier RECEIPT_REQUEST = new ASN1ObjectIdentifier("1.2.840.113549.1.9.16.2.1");
  public static final ASN1ObjectIdentifier SECURITY_LABEL = new ASN1ObjectIdentifier("1.2.840.113549.1.9.16.2.2");
  public static final ASN1ObjectIdentifier MSG_SIG_DIGEST = new ASN1ObjectIdentifier("1.2.840.113549.1.9.16.2.5");
  public static final ASN1ObjectIdentifier ENCRYPTION_KEY_PREFERENCE =
      new ASN1ObjectIdentifier("1.2.840.113549.1.9.16.2.11");
  public static final ASN1ObjectIdentifier RECEIPT_CONTENT = new ASN1ObjectIdentifier("1.2.840.113549.1.9.16.1.1");
  private static final int ESS_V1 = 1;

  private EssEncoding() {}

  // ReceiptRequest ::= SEQUENCE { signedContentIdentifier ContentIdentifier, receiptsFrom ReceiptsFrom,
  //   receiptsTo SEQUENCE SIZE (1..ub-receiptsTo) OF GeneralNames }
  // ReceiptsFrom ::= CHOICE { allOrFirstTier [0] AllOrFirstTier, receiptList [1] SEQUENCE OF GeneralNames }
  public static byte[] der(ReceiptRequest request) {
    ASN1Encodable from = switch (request.receiptsFrom().scope()) {
      case ALL -> new DERTaggedObject(false, 0, new ASN1Integer(0));
      case FIRST_TIER -> new DERTaggedObject(false, 0, new ASN1Integer(1));
      case LISTED -> new DERTaggedObject(false, 1, names(request.receiptsFrom().addresses()));
    };
    return encode(new DERSequence(new ASN1Encodable[] {
        new DEROctetString(request.contentIdentifierBytes()), from, names(request.receiptsTo())}));
  }

  public static ReceiptRequest receiptRequest(byte[] der) {
    return strictly(der, "ReceiptRequest", p -> {
      ASN1Sequence seq = ASN1Sequence.getInstance(p);
      require(seq.size() == 3, "three fields");
      byte[] id = ASN1OctetString.getInstance(seq.getObjectAt(0)).getOctets();
      ASN1TaggedObject from = ASN1TaggedObject.getInstance(seq.getObjectAt(1), BERTags.CONTEXT_SPECIFIC);
      ReceiptRequest.From receiptsFrom;
      if (from.getTagNo() == 0) {
        int tier = ASN1Integer.getInstance(from, false).intValueExact();
        require(tier == 0 || tier == 1, "allOrFirstTier 0 or 1");
        receiptsFrom = tier == 0 ? ReceiptRequest.From.all() : ReceiptRequest.From.firstTier();
      } else {
        require(from.getTagNo() == 1, "receiptsFrom [0] or [1]");
        receiptsFrom = ReceiptRequest.From.listed(addresses(ASN1Sequence.getInstance(from, false)));
      }
      return new ReceiptRequest(HexFormat.of().formatHex(id), receiptsFrom,
          addresses(ASN1Sequence.getInstance(seq.getObjectAt(2))));
    });
  }

  // ESSSecurityLabel ::= SET { security-policy-identifier, security-classification OPTIONAL,
  //   privacy-mark ESSPrivacyMark OPTIONAL, security-categories SecurityCategories OPTIONAL }
  public static byte[] der(SecurityLabel label) {
    ASN1EncodableVector v = new ASN1EncodableVector();
    v.add(new ASN1ObjectIdentifier(label.policy()));
    label.classification().ifPresent(c -> v.add(new ASN1Integer(c)));
    label.privacyMark().ifPresent(m -> v.add(privacyMark(m)));
    if (!label.categories().isEmpty()) {
      ASN1EncodableVector cats = new ASN1EncodableVector();
      for (SecurityLabel.Category c : label.categories()) {
        cats.add(new DERSequence(new ASN1Encodable[] {
            new DERTaggedObject(false, 0, new ASN1ObjectIdentifier(c.type())),
            new DERTaggedObject(true, 1, primitive(c.value()))}));
      }
      v.add(new DERSet(cats));
    }
    return encode(new DERSet(v));
  }

  public static SecurityLabel securityLabel(byte[] der) {
    return strictly(der, "ESS SecurityLabel", p -> {
      String policy = null;
      Integer classification = null;
      String mark = null;
      List<SecurityLabel.Category> categories = null;
      for (ASN1Encodable e : ASN1Set.getInstance(p)) {
        if (e instanceof ASN1ObjectIdentifier oid && policy == null) {
          policy = oid.getId();
        } else if (e instanceof ASN1Integer n && classification == null) {
          classification = n.intValueExact();
        } else if ((e instanceof DERPrintableString || e instanceof DERUTF8String) && mark == null) {
          mark = ((ASN1String) e).getString();
        } else if (e instanceof ASN1Set set && categories == null) {
          categories = categories(set);
        } else {
          throw new IllegalArgumentException("unexpected or repeated element " + e);
        }
      }
      require(policy != null, "a policy identifier");
      return new SecurityLabel(policy, classification == null ? OptionalInt.empty() : OptionalInt.of(classification),
          Optional.ofNullable(mark), categories == null ? List.of() : categories);
    });
  }

  // Receipt ::= SEQUENCE { version ESSVersion, contentType ContentType,
  //   signedContentIdentifier ContentIdentifier, originatorSignatureValue OCTET STRING }
  public static byte[] der(Receipt receipt) {
    return encode(new DERSequence(new ASN1Encodable[] {new ASN1Integer(ESS_V1),
        new ASN1ObjectIdentifier(receipt.contentType()),
        new DEROctetString(HexFormat.of().parseHex(receipt.contentIdentifier())),
        new DEROctetString(receipt.originatorSignatureValue())}));
  }

  public static Receipt receipt(byte[] der) {
    return strictly(der, "ESS Receipt", p -> {
      ASN1Sequence seq = ASN1Sequence.getInstance(p);
      require(seq.size() == 4, "four fields");
      require(ASN1Integer.getInstance(seq.getObjectAt(0)).hasValue(ESS_V1), "version 1");
      return new Receipt(ASN1ObjectIdentifier.getInstance(seq.getObjectAt(1)).getId(),
          HexFormat.of().formatHex(ASN1OctetString.getInstance(seq.getObjectAt(2)).getOctets()),
          ASN1OctetString.getInstance(seq.getObjectAt(3)).getOctets());
    });
  }

  /** The DER of a UTF8String, for a security category given as text. */
  public static byte[] utf8String(String text) {
    return encode(new DERUTF8String(text));
  }

  /** A category value's text, when it is a string. */
  public static Optional<String> text(byte[] der) {
    try {
      return ASN1Primitive.fromByteArray(der) instanceof ASN1String s ? Optional.of(s.getString()) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** A category value for people: its text or number, else its DER in hex. */
  public static String displayValue(byte[] der) {
    try {
      ASN1Primitive p = ASN1Primitive.fromByteArray(der);
      if (p instanceof ASN1String s) {
        return s.getString();
      }
      if (p instanceof ASN1Integer n) {
        return n.getValue().toString();
      }
    } catch (IOException | RuntimeException e) {
      // not one ASN.1 value: shown as bytes below
    }
    return HexFormat.of().formatHex(der);
  }

  /** ESSPrivacyMark: a PrintableString when the text fits one, else a UTF8String. */
  private static ASN1Encodable privacyMark(String text) {
    return DERPrintableString.isPrintableString(text) ? new DERPrintableString(text) : new DERUTF8String(text);
  }

  private static List<SecurityLabel.Category> categories(ASN1Set set) {
    require(set.size() >= 1, "at least one security category");
    List<SecurityLabel.Category> out = new ArrayList<>();
    for (ASN1Encodable e : set) {
      ASN1Sequence seq = ASN1Sequence.getInstance(e);
      require(seq.size() == 2, "a category type and value");
      ASN1TaggedObject type = ASN1TaggedObject.getInstance(seq.getObjectAt(0), BERTags.CONTEXT_SPECIFIC, 0);
      ASN1TaggedObject value = ASN1TaggedObject.getInstance(seq.getObjectAt(1), BERTags.CONTEXT_SPECIFIC, 1);
      require(value.isExplicit(), "an EXPLICIT [1] category value");
      out.add(new SecurityLabel.Category(ASN1ObjectIdentifier.getInstance(type, false).getId(),
          encode(value.getExplicitBaseObject())));
    }
    return out;
  }

  /** SEQUENCE OF GeneralNames, one address (rfc822Name) per GeneralNames. */
  private static DERSequence names(List<String> addresses) {
    ASN1EncodableVector v = new ASN1EncodableVector();
    addresses.forEach(a -> v.add(new GeneralNames(new GeneralName(GeneralName.rfc822Name, a))));
    return new DERSequence(v);
  }

  /** Every rfc822Name in a SEQUENCE OF GeneralNames; other kinds of name cannot be answered by mail. */
  private static List<String> addresses(ASN1Sequence seq) {
    List<String> out = new ArrayList<>();
    for (ASN1Encodable e : seq) {
      for (GeneralName n : GeneralNames.getInstance(e).getNames()) {
        if (n.getTagNo() == GeneralName.rfc822Name) {
          out.add(((ASN1String) n.getName()).getString());
        }
      }
    }
    return out;
  }

  private static ASN1Primitive primitive(byte[] der) {
    try {
      return ASN1Primitive.fromByteArray(der);
    } catch (IOException e) {
      throw new IllegalArgumentException("a category value is not DER: " + e.getMessage(), e);
    }
  }

  static byte[] encode(ASN1Encodable value) {
    try {
      return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode " + value, e);
    }
  }

  private interface Decoder<T> {
    T decode(ASN1Primitive p);
  }

  /** Decodes {@code der}, which must be exactly the DER of the result. */
  private static <T> T strictly(byte[] der, String what, Decoder<T> decoder) {
    try {
      ASN1Primitive p = ASN1Primitive.fromByteArray(der);
      require(Arrays.equals(p.getEncoded(ASN1Encoding.DER), der), "DER");
      return decoder.decode(p);
    } catch (IOException | RuntimeException e) {
      throw new MalformedInputException("not a DER-encoded " + what + ": " + ErrorText.of(e), e);
    }
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException("expected " + what);
    }
  }
}
