package dev.signet.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.MalformedInputException;
import dev.signet.core.Receipt;
import dev.signet.core.ReceiptRequest;
import dev.signet.core.SecurityLabel;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The ESS structures against encodings worked out by hand from the ASN.1 modules of RFC 2634
 * (IMPLICIT TAGS) and RFC 5035 (a category value is EXPLICIT [1]).
 */
class EssEncodingTest {
  private static final HexFormat HEX = HexFormat.of();
  // GeneralNames { rfc822Name [1] IA5String "a@b.c" }: 30 07 81 05 61 40 62 2e 63
  private static final String NAMES_A_B_C = "300781056140622e63";

  @Test
  void aReceiptRequestFromAllRecipientsIsTaggedZeroWithIntegerZero() {
    var request = new ReceiptRequest("010203", ReceiptRequest.From.all(), List.of("a@b.c"));

    // SEQUENCE { OCTET STRING 010203, [0] 00, SEQUENCE { GeneralNames } }
    assertRoundTrip(request, "3013" + "0403010203" + "800100" + "3009" + NAMES_A_B_C);
  }

  @Test
  void aReceiptRequestFromFirstTierRecipientsIsTaggedZeroWithIntegerOne() {
    var request = new ReceiptRequest("010203", ReceiptRequest.From.firstTier(), List.of("a@b.c"));

    assertRoundTrip(request, "3013" + "0403010203" + "800101" + "3009" + NAMES_A_B_C);
  }

  @Test
  void aReceiptListIsAnImplicitOneOverASequenceOfGeneralNames() {
    var request = new ReceiptRequest("010203", ReceiptRequest.From.listed(List.of("a@b.c")), List.of("a@b.c"));

    assertRoundTrip(request, "301b" + "0403010203" + "a109" + NAMES_A_B_C + "3009" + NAMES_A_B_C);
  }

  @Test
  void aSecurityLabelIsADerSetSortedByTag() {
    var label = new SecurityLabel("1.2.3.4", OptionalInt.of(3), Optional.of("ACME"), List.of());

    // SET { INTEGER 3, OID 1.2.3.4, PrintableString "ACME" }: DER orders the elements by tag
    byte[] der = EssEncoding.der(label);

    assertThat(HEX.formatHex(der)).isEqualTo("310e" + "020103" + "06032a0304" + "130441434d45");
    assertThat(EssEncoding.securityLabel(der)).isEqualTo(label);
  }

  @Test
  void aSecurityLabelWithOnlyAPolicyIsASetOfOneOid() {
    var label = new SecurityLabel("1.2.3.4", OptionalInt.empty(), Optional.empty(), List.of());

    assertThat(HEX.formatHex(EssEncoding.der(label))).isEqualTo("3105" + "06032a0304");
  }

  @Test
  void aPrivacyMarkOutsidePrintableStringIsAUtf8String() {
    var label = new SecurityLabel("1.2.3.4", OptionalInt.empty(), Optional.of("é"), List.of());

    assertThat(HEX.formatHex(EssEncoding.der(label))).isEqualTo("3109" + "06032a0304" + "0c02c3a9");
  }

  @Test
  void aSecurityCategoryIsAnImplicitZeroOidAndAnExplicitOneValue() {
    var label = new SecurityLabel("1.2.3.4", OptionalInt.empty(), Optional.empty(),
        List.of(SecurityLabel.Category.text("1.2.3.5", "x")));

    // SecurityCategory ::= SEQUENCE { type [0] 80 03 2a0305, value [1] a1 03 { UTF8String "x" } }
    byte[] der = EssEncoding.der(label);

    assertThat(HEX.formatHex(der)).isEqualTo("3113" + "06032a0304" + "310c" + "300a" + "80032a0305" + "a1030c0178");
    assertThat(EssEncoding.securityLabel(der)).isEqualTo(label);
  }

  @Test
  void aReceiptIsVersionOneContentTypeIdentifierAndSignatureValue() {
    var receipt = new Receipt("1.2.840.113549.1.7.1", "010203", new byte[] {(byte) 0xaa, (byte) 0xbb});

    byte[] der = EssEncoding.der(receipt);

    assertThat(HEX.formatHex(der))
        .isEqualTo("3017" + "020101" + "06092a864886f70d010701" + "0403010203" + "0402aabb");
    assertThat(EssEncoding.receipt(der)).isEqualTo(receipt);
  }

  @Test
  void aSecurityLabelWithoutPolicyIsRefused() {
    assertThatThrownBy(() -> EssEncoding.securityLabel(HEX.parseHex("3103020103")))
        .isInstanceOf(MalformedInputException.class).hasMessageContaining("policy identifier");
  }

  @Test
  void aSecurityLabelWithTwoPoliciesIsRefused() {
    assertThatThrownBy(() -> EssEncoding.securityLabel(HEX.parseHex("310a06032a030406032a0305")))
        .isInstanceOf(MalformedInputException.class);
  }

  @Test
  void aSetInTheWrongOrderIsNotDerAndIsRefused() {
    assertThatThrownBy(() -> EssEncoding.securityLabel(HEX.parseHex("310806032a0304020103")))
        .isInstanceOf(MalformedInputException.class).hasMessageContaining("DER");
  }

  @Test
  void trailingBytesAreRefused() {
    assertThatThrownBy(() -> EssEncoding.securityLabel(HEX.parseHex("310506032a030400")))
        .isInstanceOf(MalformedInputException.class);
  }

  @Test
  void aReceiptRequestWithAnAllOrFirstTierOfTwoIsRefused() {
    assertThatThrownBy(() -> EssEncoding.receiptRequest(HEX.parseHex("3013" + "0403010203" + "800102" + "3009"
        + NAMES_A_B_C))).isInstanceOf(MalformedInputException.class).hasMessageContaining("allOrFirstTier");
  }

  @Test
  void aReceiptOfVersionTwoIsRefused() {
    assertThatThrownBy(() -> EssEncoding.receipt(HEX.parseHex("3017" + "020102" + "06092a864886f70d010701"
        + "0403010203" + "0402aabb"))).isInstanceOf(MalformedInputException.class).hasMessageContaining("version 1");
  }

  @Test
  void aReceiptsToThatIsNotAnAddressIsRefused() {
    // GeneralNames { rfc822Name "a\r\n@c" }: a line break would end up in a receipt's header
    assertThatThrownBy(() -> EssEncoding.receiptRequest(HEX.parseHex("3013" + "0403010203" + "800100" + "3009"
        + "30078105610d0a4063"))).isInstanceOf(MalformedInputException.class).hasMessageContaining("not a mail address");
  }

  private static void assertRoundTrip(ReceiptRequest request, String hex) {
    byte[] der = EssEncoding.der(request);
    assertThat(HEX.formatHex(der)).isEqualTo(hex);
    assertThat(EssEncoding.receiptRequest(der)).isEqualTo(request);
  }
}
