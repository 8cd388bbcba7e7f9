package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.ContentCipher;
import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.core.Layer;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.Smime;
import dev.signet.directory.Directory;
import dev.signet.directory.EmbeddedDirectory;
import dev.signet.directory.EmbeddedSettings;
import dev.signet.directory.LdapSettings;
import dev.signet.directory.Publication;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.IssuedCertificate;
import dev.signet.pki.Issuer;
import dev.signet.pki.CertificateProfile;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import dev.signet.testkit.Slapd;
import dev.signet.testkit.TestPki;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.smime.SMIMECapabilitiesAttribute;
import org.bouncycastle.asn1.smime.SMIMECapabilityVector;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Web compose looks recipients up in the organisation's directory too (issue 9), as a mail client
 * with a GAL does: a certificate another CA issued counts only when that CA is trusted, and the
 * capabilities an entry announces choose the cipher. Carol's ID comes from her smart-card CA.
 */
class WebDirectoryComposeTest {
  private static final String CAROL = "carol@example.org";
  private static List<X509Certificate> cardCa; // the smart-card CA: its issuing CA, then its root
  private static DigitalId carol;

  private EmbeddedDirectory gal;
  private WebFixture fixture;

  @BeforeAll
  static void carolsSmartCard() throws IOException {
    CaDatabase cards = CaDatabase.inDataFolder(Files.createTempDirectory("signet-card-ca"));
    char[] passphrase = "card CA passphrase".toCharArray();
    try (CertificateAuthority ca = CertificateAuthority.open(cards)) {
      Issuer issuer = ca.init("CN=Smart Card CA", KeyType.EC_P384, "http://127.0.0.1:1", passphrase, "test");
      CertificateRequests request = CertificateRequests.forMailbox(CAROL, new SecureRandom());
      IssuedCertificate issued = issuer.issue(request.der(), CertificateProfile.DUAL_USE, Issuer.SUBSCRIBER_VALIDITY, "test");
      List<X509Certificate> chain = new ArrayList<>(List.of(issued.certificate()));
      chain.addAll(issuer.caChain());
      carol = DigitalId.of(request.keys().getPrivate(), chain);
      cardCa = issuer.caChain();
    }
  }

  @BeforeEach
  void directory() throws IOException {
    gal = EmbeddedDirectory.start(EmbeddedSettings.forDomain(Files.createTempDirectory("signet-gal"), "example.org",
        "gal admin password".toCharArray()).withPort(0));
  }

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
    gal.close();
  }

  private static Map<String, String> encryptedTo(String to) {
    return Map.of("to", to, "subject", "Plans", "body", "Meet at noon", "sign", "1", "encrypt", "1",
        "action", "send");
  }

  private static HttpResponse<String> compose(WebClient who, Map<String, String> fields) throws IOException {
    return who.submit("/web/compose", "/web/compose", fields);
  }

  /** The newest message in {@code address}'s mailbox, read with {@code key}. */
  private SecurityReport read(String address, DigitalId key, ByteArrayOutputStream plain) throws IOException {
    byte[] raw = fixture.newest(address).raw();
    return Smime.withDefaults().read(new ByteArrayInputStream(raw), ReadOptions.readAll(List.of(key), List.of()), plain);
  }

  private static ContentCipher cipherOf(SecurityReport report) {
    return report.layers().stream().filter(l -> l instanceof Layer.Encrypted).map(l -> ((Layer.Encrypted) l).cipher())
        .findFirst().orElseThrow();
  }

  /** A userSMIMECertificate value signed by {@code id}, announcing that its owner reads only {@code cipher}. */
  private static byte[] announcingOnly(DigitalId id, ContentCipher cipher) throws Exception {
    SMIMECapabilityVector capabilities = new SMIMECapabilityVector();
    capabilities.addCapability(new ASN1ObjectIdentifier(cipher.oid()));
    ASN1EncodableVector attributes = new ASN1EncodableVector();
    attributes.add(new SMIMECapabilitiesAttribute(capabilities));
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder()
        .setSignedAttributeGenerator(new AttributeTable(attributes))
        .build("SHA256withRSA", id.privateKey(), id.certificate()));
    generator.addCertificates(new JcaCertStore(List.of(id.certificate())));
    return generator.generate(new CMSProcessableByteArray(new byte[0]), true).getEncoded();
  }

  @Test
  void aDirectoryCertificateFromAnUntrustedCaLeavesTheRecipientMissing() throws IOException {
    fixture = WebFixture.start(() -> gal, List.of());
    gal.publish(new Publication(CAROL, "Carol", List.of(carol.certificate()), new byte[0]));

    HttpResponse<String> r = compose(WebClient.unlocked(fixture, WebFixture.ALICE), encryptedTo(CAROL));

    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(r.body()).contains("id=\"missing\"", "<li>" + CAROL + "</li>");
    assertThat(fixture.web.mailboxes().list(CAROL)).isEmpty();
  }

  @Test
  void aDirectoryCertificateChainingToATrustRootIsEncryptedToAndItsKeyReadsTheMessage() throws IOException {
    fixture = WebFixture.start(() -> gal, cardCa);
    gal.publish(new Publication(CAROL, "Carol", List.of(carol.certificate()), new byte[0]));

    HttpResponse<String> r = compose(WebClient.unlocked(fixture, WebFixture.ALICE), encryptedTo(CAROL));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    SecurityReport report = read(CAROL, carol, plain);
    assertThat(report.encrypted()).isTrue();
    assertThat(plain.toString(StandardCharsets.UTF_8)).contains("Meet at noon");
  }

  @Test
  void aRecipientWhoseEntryAnnouncesOnlyAes256GcmGetsAes256Gcm() throws Exception {
    fixture = WebFixture.start(() -> gal, List.of());
    DigitalId bob = fixture.ids.get(WebFixture.BOB);
    gal.publish(new Publication(WebFixture.BOB, "Bob", List.of(bob.certificate()),
        announcingOnly(bob, ContentCipher.AES_256_GCM)));

    HttpResponse<String> r = compose(WebClient.unlocked(fixture, WebFixture.ALICE), encryptedTo(WebFixture.BOB));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    assertThat(cipherOf(read(WebFixture.BOB, bob, new ByteArrayOutputStream()))).isEqualTo(ContentCipher.AES_256_GCM);
  }

  @Test
  void withoutAnnouncedCapabilitiesTheCipherIsAes128Gcm() throws IOException {
    fixture = WebFixture.start(() -> gal, List.of());
    DigitalId bob = fixture.ids.get(WebFixture.BOB);

    HttpResponse<String> r = compose(WebClient.unlocked(fixture, WebFixture.ALICE), encryptedTo(WebFixture.BOB));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    assertThat(cipherOf(read(WebFixture.BOB, bob, new ByteArrayOutputStream()))).isEqualTo(ContentCipher.AES_128_GCM);
  }

  @Test
  void anUnreachableDirectoryLeavesComposeToRecipientsTheCaKnows() throws IOException {
    Directory overLdap = Directory.connect(LdapSettings.of(gal.url()));
    fixture = WebFixture.start(() -> overLdap, List.of());
    gal.close(); // the directory server goes down

    try (overLdap) {
      HttpResponse<String> r = compose(WebClient.unlocked(fixture, WebFixture.ALICE), encryptedTo(WebFixture.BOB));

      assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
      ByteArrayOutputStream plain = new ByteArrayOutputStream();
      assertThat(read(WebFixture.BOB, fixture.ids.get(WebFixture.BOB), plain).encrypted()).isTrue();
      assertThat(plain.toString(StandardCharsets.UTF_8)).contains("Meet at noon");
    }
  }

  @Test
  void aPartnersCertificateInTheOrganisationsOpenLdapIsEncryptedToAndOpensslDecrypts() throws IOException {
    Slapd.require();
    ExternalTool.OPENSSL.require();
    Path work = Files.createTempDirectory("signet-openldap-compose");
    String password = "directory admin password";
    try (Slapd slapd = Slapd.start(work.resolve("slapd"), "dc=example,dc=org", password);
        Directory openLdap = Directory.connect(LdapSettings.of(slapd.url()).withBind(slapd.adminDn(),
            password.toCharArray()))) {
      openLdap.publish(new Publication(CAROL, "Carol", List.of(carol.certificate()), new byte[0]));
      fixture = WebFixture.start(() -> openLdap, cardCa);

      Map<String, String> clearSigned = new HashMap<>(encryptedTo(CAROL));
      clearSigned.put("clear", "1"); // the text inside the envelope readable once decrypted
      HttpResponse<String> r = compose(WebClient.unlocked(fixture, WebFixture.ALICE), clearSigned);

      assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
      Path message = Files.write(work.resolve("to-carol.eml"), fixture.newest(CAROL).raw());
      ProcessRunner.Result opened = ProcessRunner.run(work, Map.of(), new byte[0], List.of("openssl", "cms",
          "-decrypt", "-in", message.toString(), "-recip", TestPki.writeCertificatesPem(work.resolve("carol.pem"),
              List.of(carol.certificate())).toString(), "-inkey",
          TestPki.writePrivateKeyPem(work.resolve("carol.key"), carol.privateKey()).toString()));
      assertThat(opened.exitCode()).as(opened.stderr()).isZero();
      assertThat(opened.stdoutText()).contains("Meet at noon");
    }
  }
}
