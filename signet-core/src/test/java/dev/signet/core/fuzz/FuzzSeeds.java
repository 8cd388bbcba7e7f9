package dev.signet.core.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.core.Certificates;
import dev.signet.core.ContentCipher;
import dev.signet.core.DigitalId;
import dev.signet.core.EncryptOptions;
import dev.signet.core.KeyTransport;
import dev.signet.core.KeyType;
import dev.signet.core.Layer;
import dev.signet.core.ReceiptRequest;
import dev.signet.core.SecurityLabel;
import dev.signet.core.SignOptions;
import dev.signet.core.SignatureScheme;
import dev.signet.core.Smime;
import dev.signet.core.internal.EssEncoding;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cms.CMSCompressedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.ZlibCompressor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Writes the fixed digital IDs (when absent) and the seed corpora of every fuzz target, from
 * messages the engine itself writes and from the third-party data whose licence allows a copy
 * (x509-limbo, Apache-2.0; the LAMPS ML-KEM example, IETF Trust). Run from signet-core with
 * {@code bench/fuzz.sh --seeds}; the output is committed under src/test/resources.
 */
public final class FuzzSeeds {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Path resources;
  private final Path shared;

  private FuzzSeeds(Path resources, Path shared) {
    this.resources = resources;
    this.shared = shared;
  }

  /** Arguments: the test resources folder of signet-core, the shared folder (with testdata/). */
  public static void main(String[] args) throws Exception {
    Path resources = Path.of(args[0]).resolve("dev/signet/core/fuzz");
    FuzzSeeds seeds = new FuzzSeeds(resources, Path.of(args[1]));
    seeds.ids();
    seeds.all();
  }

  private void ids() throws IOException {
    id(FuzzIds.ALICE_FILE, "alice@example.org", "Alice", KeyType.RSA_2048);
    id(FuzzIds.BOB_FILE, "bob@example.org", "Bob", KeyType.EC_P256);
  }

  private void id(String file, String email, String name, KeyType type) throws IOException {
    Path path = resources.resolve(file);
    if (Files.exists(path)) {
      return;
    }
    Files.createDirectories(path.getParent());
    DigitalId id = DigitalId.selfSigned(email, name, type, FuzzIds.MADE, RANDOM);
    try (OutputStream out = Files.newOutputStream(path)) {
      // A public test fixture: a low iteration count keeps every fuzz run's start quick.
      id.writePkcs12(out, FuzzIds.PASSWORD, 2048, RANDOM);
    }
  }

  private void all() throws Exception {
    DigitalId alice = read(FuzzIds.ALICE_FILE);
    DigitalId bob = read(FuzzIds.BOB_FILE);
    Smime smime = Smime.withDefaults().withClock(FuzzIds.MADE);
    byte[] plain = ascii("From: Alice <alice@example.org>\r\nTo: bob@example.org\r\nSubject: Lunch\r\n\r\nNoon?\r\n");
    byte[] clear = sign(smime, plain, SignOptions.defaults(alice));
    byte[] clearEc = sign(smime, plain, SignOptions.defaults(bob));
    byte[] opaque = sign(smime, plain, SignOptions.defaults(alice).withFormat(Layer.SignedFormat.OPAQUE)
        .withScheme(SignatureScheme.RSA_PSS));
    byte[] ess = sign(smime, plain, SignOptions.defaults(bob)
        .withReceiptRequest(receiptRequest()).withSecurityLabel(label()));
    List<X509Certificate> both = List.of(alice.certificate(), bob.certificate());
    byte[] gcm = encrypt(smime, clear, EncryptOptions.defaults(both));
    byte[] cbcOaep = encrypt(smime, plain, EncryptOptions.defaults(List.of(alice.certificate()))
        .withCipher(ContentCipher.AES_256_CBC).withKeyTransport(KeyTransport.RSA_OAEP));
    byte[] cbcEc = encrypt(smime, opaque, EncryptOptions.defaults(List.of(bob.certificate()))
        .withCipher(ContentCipher.AES_128_CBC));
    byte[] compressed = compressedEntity(clearEc);
    byte[] mixed = mixed(clear, opaque);
    byte[] certsOnly = smime.signedCertificates(SignOptions.defaults(alice), List.of(bob.certificate()));

    String messages = "MessageFuzzTestInputs/anyMessage/";
    write(messages + "plain.eml", plain);
    write(messages + "clear-signed-rsa.eml", clear);
    write(messages + "clear-signed-ec.eml", clearEc);
    write(messages + "opaque-signed-pss.eml", opaque);
    write(messages + "signed-with-ess.eml", ess);
    write(messages + "gcm-two-recipients.eml", gcm);
    write(messages + "cbc-oaep.eml", cbcOaep);
    write(messages + "cbc-ecdh.eml", cbcEc);
    write(messages + "compressed.eml", compressed);
    write(messages + "mixed-forwarded.eml", mixed);
    write(messages + "bare-signed.der", body(opaque));
    write(messages + "bare-enveloped.pem", pem("PKCS7", body(gcm)));
    copy("lamps-cms-ml-kem/ML-KEM-512.cms", messages + "lamps-ml-kem-512.pem");

    String cms = "CmsFuzzTestInputs/";
    write(cms + "signedData/opaque.der", content(body(opaque)));
    write(cms + "signedData/detached.der", content(detachedSignature(clear)));
    write(cms + "signedData/ess.der", content(detachedSignature(ess)));
    write(cms + "signedData/certificates-only.der", content(certsOnly));
    write(cms + "envelopedData/oaep.der", content(body(cbcOaep)));
    write(cms + "envelopedData/ecdh.der", content(body(cbcEc)));
    write(cms + "authEnvelopedData/gcm.der", content(body(gcm)));
    write(cms + "compressedData/entity.der", content(body(compressed)));

    String certs = "CertificateFuzzTestInputs/";
    write(certs + "certificates/alice.der", alice.certificate().getEncoded());
    write(certs + "certificates/bob.pem", ascii(Certificates.pem(bob.certificate())));
    write(certs + "certificates/two.pem", ascii(Certificates.pem(alice.certificate()) + Certificates.pem(bob.certificate())));
    copy("lamps-cms-ml-kem/ML-KEM-512.pem", certs + "certificates/lamps-ml-kem-512.pem");
    copy("lamps-cms-ml-kem/mldsa65RootCA.pem", certs + "certificates/lamps-mldsa65-root.pem");
    byte[] crl = crl(alice);
    write(certs + "crls/alice.der", crl);
    write(certs + "crls/alice.pem", pem("X509 CRL", crl));
    limbo(certs);

    write("Pkcs12FuzzTestInputs/digitalIds/alice-rsa.p12", Files.readAllBytes(resources.resolve(FuzzIds.ALICE_FILE)));
    write("Pkcs12FuzzTestInputs/digitalIds/bob-ec.p12", Files.readAllBytes(resources.resolve(FuzzIds.BOB_FILE)));
    write("Pkcs12FuzzTestInputs/digitalIds/jdk-default.p12", jdkPkcs12(bob));

    String label = Base64.getEncoder().encodeToString(label().toDer());
    String hex = java.util.HexFormat.of().formatHex(label().toDer());
    write("PolicyFuzzTestInputs/nameValueFiles/all-kinds.txt", ascii("# organisation policy\nAlwaysSign=1\n"
        + "AlwaysEncrypt=0x1\nClearSign=dword:00000000\nMinEncKey=128\nrequiredCA=CN=Alice\n"
        + "NeedEncryptionString=Ask the help desk for a digital ID\nForceSecurityLabelX=" + hex + "\n"));
    String reg = "Windows Registry Editor Version 5.00\r\n\r\n"
        + "[HKEY_CURRENT_USER\\Software\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Security]\r\n"
        + "\"AlwaysSign\"=dword:00000001\r\n\"SigStatusNoTrustDecision\"=dword:00000002\r\n"
        + "\"requiredCA\"=\"CN=Alice \\\"Corp\\\"\"\r\n\"ForceSecurityLabelX\"=hex:" + hex.replaceAll("(..)(?!$)", "$1,")
        + "\r\n";
    write("PolicyFuzzTestInputs/registryExports/v5-utf16le.reg", utf16le(reg));
    write("PolicyFuzzTestInputs/registryExports/regedit4.reg",
        ascii("REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Security]\r\n"
            + "\"FIPSMode\"=dword:00000001\r\n"
            + "\"ForceSecurityLabelX\"=hex:" + hex.substring(0, 8).replaceAll("(..)(?!$)", "$1,") + ",\\\r\n  "
            + hex.substring(8).replaceAll("(..)(?!$)", "$1,") + "\r\n"));

    write("TransferEncodingFuzzTestInputs/base64Bodies/gcm.txt", base64Text(body(gcm)));
    write("TransferEncodingFuzzTestInputs/base64Bodies/padded.txt", ascii("TWFu\r\nTWE=\r\nTQ==\r\n"));
    write("TransferEncodingFuzzTestInputs/pemBodies/signed.txt",
        ascii(new String(base64Text(body(opaque)), StandardCharsets.US_ASCII) + "-----END PKCS7-----\n"));

    write("EssFuzzTestInputs/receiptRequests/listed.der", EssEncoding.der(receiptRequest()));
    write("EssFuzzTestInputs/securityLabels/label.der", label().toDer());
    write("EssFuzzTestInputs/securityLabels/label.b64", ascii(label));
    ByteArrayOutputStream receipt = new ByteArrayOutputStream();
    smime.signReceipt(EssFuzzTest.ORIGINAL, SignOptions.defaults(bob), "bob@example.org", receipt);
    write("EssFuzzTestInputs/signedReceipts/receipt.eml", receipt.toByteArray());
    write("EssFuzzTestInputs/receipts/receipt.der",
        EssEncoding.der(new dev.signet.core.Receipt("1.2.840.113549.1.7.1", "5369676e6574", new byte[] {1, 2, 3})));
  }

  private DigitalId read(String file) throws IOException {
    try (var in = Files.newInputStream(resources.resolve(file))) {
      return DigitalId.readPkcs12(in, FuzzIds.PASSWORD);
    }
  }

  private static ReceiptRequest receiptRequest() {
    return ReceiptRequest.fresh(ReceiptRequest.From.listed(List.of("bob@example.org")),
        List.of("alice@example.org"), FuzzIds.MADE.instant(), RANDOM);
  }

  private static SecurityLabel label() {
    return new SecurityLabel("1.3.6.1.4.1.99999.1", java.util.OptionalInt.of(2), Optional.of("CONFIDENTIAL"),
        List.of(SecurityLabel.Category.text("1.3.6.1.4.1.99999.2", "project-x")));
  }

  private void limbo(String certs) throws IOException {
    Path file = shared.resolve("testdata/x509-limbo/limbo.json");
    for (JsonNode t : new ObjectMapper().readTree(file.toFile()).get("testcases")) {
      String id = t.get("id").asText();
      boolean wanted = id.startsWith("crl::") || id.startsWith("cve::") || id.startsWith("rfc5280::nc::nc-permits-email");
      if (!wanted) {
        continue;
      }
      String name = "limbo-" + id.replaceAll("[^A-Za-z0-9.-]+", "_");
      StringBuilder chain = new StringBuilder(t.get("peer_certificate").asText());
      t.get("untrusted_intermediates").forEach(c -> chain.append(c.asText()));
      t.get("trusted_certs").forEach(c -> chain.append(c.asText()));
      write(certs + "certificates/" + name + ".pem", ascii(chain.toString()));
      int n = 0;
      for (JsonNode c : t.get("crls")) {
        write(certs + "crls/" + name + "-" + n++ + ".pem", ascii(c.asText()));
      }
    }
  }

  private static byte[] sign(Smime smime, byte[] message, SignOptions options) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    smime.sign(new ByteArrayInputStream(message), options, out);
    return out.toByteArray();
  }

  private static byte[] encrypt(Smime smime, byte[] message, EncryptOptions options) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    smime.encrypt(new ByteArrayInputStream(message), options, out);
    return out.toByteArray();
  }

  /** The base64 body of a single-part message, decoded. */
  private static byte[] body(byte[] message) {
    String text = new String(message, StandardCharsets.ISO_8859_1);
    return Base64.getMimeDecoder().decode(text.substring(text.indexOf("\r\n\r\n") + 4));
  }

  /** The signature part of a clear-signed message, decoded. */
  private static byte[] detachedSignature(byte[] clearSigned) {
    String text = new String(clearSigned, StandardCharsets.ISO_8859_1);
    int part = text.lastIndexOf("Content-Type: application/pkcs7-signature");
    int start = text.indexOf("\r\n\r\n", part) + 4;
    return Base64.getMimeDecoder().decode(text.substring(start, text.indexOf("\r\n--", start)));
  }

  /** The [0] content of a ContentInfo: what the CMS targets put back under a fixed type. */
  private static byte[] content(byte[] contentInfo) throws IOException {
    return ContentInfo.getInstance(ASN1Primitive.fromByteArray(contentInfo)).getContent().toASN1Primitive()
        .getEncoded();
  }

  private static byte[] compressedEntity(byte[] inner) throws Exception {
    byte[] der = new CMSCompressedDataGenerator().generate(new CMSProcessableByteArray(inner), new ZlibCompressor())
        .getEncoded();
    return ascii("From: Bob <bob@example.org>\r\nTo: alice@example.org\r\nSubject: compressed\r\n"
        + "Content-Type: application/pkcs7-mime; smime-type=compressed-data; name=smime.p7z\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(der) + "\r\n");
  }

  /** A multipart/mixed holding a signed part and a forwarded signed message. */
  private static byte[] mixed(byte[] signed, byte[] forwarded) {
    String s = new String(signed, StandardCharsets.ISO_8859_1);
    String entity = s.substring(s.indexOf("Content-Type:"));
    return ascii("From: Alice <alice@example.org>\r\nTo: bob@example.org\r\nSubject: mixed\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\npreamble\r\n--outer\r\n"
        + "Content-Type: text/plain\r\n\r\nunsigned words\r\n--outer\r\n" + entity + "\r\n--outer\r\n"
        + "Content-Type: message/rfc822\r\n\r\n" + new String(forwarded, StandardCharsets.ISO_8859_1)
        + "\r\n--outer--\r\nepilogue\r\n");
  }

  private static byte[] crl(DigitalId issuer) throws Exception {
    Date now = Date.from(FuzzIds.MADE.instant());
    X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(issuer.certificate().getSubjectX500Principal(), now);
    builder.setNextUpdate(Date.from(FuzzIds.MADE.instant().plusSeconds(86_400 * 30)));
    builder.addCRLEntry(BigInteger.valueOf(42), now, CRLReason.keyCompromise);
    builder.addCRLEntry(BigInteger.valueOf(43), now, CRLReason.superseded);
    builder.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.ONE));
    var signer = new JcaContentSignerBuilder("SHA256withRSA").build(issuer.privateKey());
    return new JcaX509CRLConverter().getCRL(builder.build(signer)).getEncoded();
  }

  /** A PKCS#12 as the JDK's own keystore writes it (other algorithms than Signet's). */
  private static byte[] jdkPkcs12(DigitalId id) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("bob", id.privateKey(), FuzzIds.PASSWORD, id.chain().toArray(new Certificate[0]));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.store(out, FuzzIds.PASSWORD);
    return out.toByteArray();
  }

  private static byte[] pem(String label, byte[] der) {
    return ascii("-----BEGIN " + label + "-----\n" + new String(base64Text(der), StandardCharsets.US_ASCII)
        + "-----END " + label + "-----\n");
  }

  private static byte[] base64Text(byte[] der) {
    return ascii(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n");
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] utf16le(String s) {
    byte[] text = s.getBytes(StandardCharsets.UTF_16LE);
    byte[] all = new byte[text.length + 2];
    all[0] = (byte) 0xFF;
    all[1] = (byte) 0xFE;
    System.arraycopy(text, 0, all, 2, text.length);
    return all;
  }

  private void copy(String testdata, String seed) throws IOException {
    write(seed, Files.readAllBytes(shared.resolve("testdata").resolve(testdata)));
  }

  private void write(String seed, byte[] bytes) throws IOException {
    Path path = resources.resolve(seed);
    Files.createDirectories(path.getParent());
    Files.write(path, bytes);
  }
}
