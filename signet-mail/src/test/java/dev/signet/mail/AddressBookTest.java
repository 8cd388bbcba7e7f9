package dev.signet.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.ContentCipher;
import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.SignOptions;
import dev.signet.core.Smime;
import dev.signet.testkit.TestPki;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddressBookTest {
  private static final TestPki PKI = TestPki.get();
  private static final TestPki.Identity SENDER = PKI.identity(TestPki.KeyKind.RSA_2048);
  @TempDir Path store;

  @Test
  void aTrustedSignerIsLearnedWithTheCapabilitiesTheySigned() throws IOException {
    SecurityReport report = read(signed(id(SENDER)), PKI.anchors());

    List<String> learned = AddressBook.in(store).harvest(report, Instant.now());

    assertThat(learned).containsExactly(SENDER.email());
    Contact.Known current = AddressBook.in(store).find(SENDER.email()).orElseThrow().current(Instant.now());
    assertThat(current.certificate()).isEqualTo(SENDER.certificate());
    assertThat(current.capabilities()).startsWith(ContentCipher.AES_256_GCM, ContentCipher.AES_128_GCM);
  }

  @Test
  void aSignerThatDoesNotChainToATrustedRootIsNeverLearned() throws IOException {
    SecurityReport report = read(signed(id(SENDER)), List.of());

    assertThat(AddressBook.in(store).harvest(report, Instant.now())).isEmpty();
    assertThat(AddressBook.in(store).list()).isEmpty();
  }

  @Test
  void aBadSignatureIsNeverLearned() throws IOException {
    String tampered = new String(signed(id(SENDER)), StandardCharsets.US_ASCII).replace("Noon?", "Dawn!");
    SecurityReport report = read(tampered.getBytes(StandardCharsets.US_ASCII), PKI.anchors());

    assertThat(report.signers()).singleElement().matches(s -> !s.signatureValid());
    assertThat(AddressBook.in(store).harvest(report, Instant.now())).isEmpty();
  }

  @Test
  void theNewestCertificateIsCurrentAndTheOlderOneStaysInTheHistory() throws IOException {
    DigitalId older = selfSigned("carol@example.org", Instant.now().minus(Duration.ofDays(30)));
    DigitalId newer = selfSigned("carol@example.org", Instant.now().minus(Duration.ofDays(1)));
    List<X509Certificate> anchors = List.of(older.certificate(), newer.certificate());
    AddressBook book = AddressBook.in(store);

    book.harvest(read(signed(newer), anchors), Instant.now());
    book.harvest(read(signed(older), anchors), Instant.now());

    Contact carol = book.find("carol@example.org").orElseThrow();
    assertThat(carol.current(Instant.now()).certificate()).isEqualTo(newer.certificate());
    assertThat(carol.history()).extracting(Contact.Known::certificate)
        .containsExactly(newer.certificate(), older.certificate());
  }

  @Test
  void anAddressIsFoundWithTheDomainInAnyCaseButTheLocalPartExactly() throws IOException {
    AddressBook book = AddressBook.in(store);
    book.harvest(read(signed(id(SENDER)), PKI.anchors()), Instant.now());

    assertThat(book.find("rsa2048@SIGNET.test")).isPresent();
    assertThat(book.find("RSA2048@signet.test")).isEmpty();
  }

  @Test
  void aRemovedAddressIsForgotten() throws IOException {
    AddressBook book = AddressBook.in(store);
    book.harvest(read(signed(id(SENDER)), PKI.anchors()), Instant.now());

    assertThat(book.remove(SENDER.email())).isTrue();
    assertThat(book.find(SENDER.email())).isEmpty();
    assertThat(book.remove(SENDER.email())).isFalse();
  }

  // ---------------------------------------------------------------------------------------------
  // A sender whose encryption certificate is not their signing certificate (RFC 8551 section 2.5.3)

  private static final SmallCa CA = SmallCa.named("Address Book Test CA");
  private static final String DANA = "dana@example.org";
  private static final DigitalId DANA_SIGNS = CA.issue(DANA, SmallCa.SIGNING);
  private static final DigitalId DANA_ENCRYPTS = CA.issue(DANA, SmallCa.ENCRYPTION);

  private List<String> harvestFromDana(DigitalId encryption, List<X509Certificate> anchors) throws IOException {
    return AddressBook.in(store).harvest(read(signed(SignOptions.defaults(DANA_SIGNS)
        .withEncryptionKeyPreference(encryption.chain())), anchors), Instant.now());
  }

  private List<X509Certificate> learnedFor(String address) throws IOException {
    return AddressBook.in(store).find(address).orElseThrow().history().stream().map(Contact.Known::certificate)
        .toList();
  }

  @Test
  void theEncryptionCertificateASignerNamesIsLearnedAndIsTheOneToEncryptTo() throws IOException {
    assertThat(harvestFromDana(DANA_ENCRYPTS, List.of(CA.root()))).containsExactly(DANA);

    Contact dana = AddressBook.in(store).find(DANA).orElseThrow();
    assertThat(learnedFor(DANA)).containsExactlyInAnyOrder(DANA_SIGNS.certificate(), DANA_ENCRYPTS.certificate());
    assertThat(dana.forEncryption(Instant.now())).hasValueSatisfying(k -> {
      assertThat(k.certificate()).isEqualTo(DANA_ENCRYPTS.certificate());
      assertThat(k.lastNamed()).isPresent();
      assertThat(k.capabilities()).startsWith(ContentCipher.AES_256_GCM);
    });
    assertThat(dana.current(Instant.now()).certificate()).isEqualTo(DANA_ENCRYPTS.certificate());
  }

  @Test
  void aSigningOnlyCertificateIsNeverTheOneToEncryptTo() throws IOException {
    book().harvest(read(signed(DANA_SIGNS), List.of(CA.root())), Instant.now());

    Contact dana = book().find(DANA).orElseThrow();
    assertThat(dana.forEncryption(Instant.now())).isEmpty();
    assertThat(dana.current(Instant.now()).certificate()).isEqualTo(DANA_SIGNS.certificate());
  }

  @Test
  void aNamedEncryptionCertificateWithoutTheAddressInItsSubjectAltNameIsNotLearned() throws IOException {
    harvestFromDana(CA.issue("someone.else@example.org", SmallCa.ENCRYPTION), List.of(CA.root()));

    assertThat(learnedFor(DANA)).containsExactly(DANA_SIGNS.certificate());
    assertThat(book().find("someone.else@example.org")).isEmpty();
  }

  @Test
  void aNamedEncryptionCertificateUnderAnotherRootIsNotLearnedEvenWhenThatRootIsTrusted() throws IOException {
    SmallCa other = SmallCa.named("Another CA");

    harvestFromDana(other.issue(DANA, SmallCa.ENCRYPTION), List.of(CA.root(), other.root()));

    assertThat(learnedFor(DANA)).containsExactly(DANA_SIGNS.certificate());
  }

  @Test
  void aNamedEncryptionCertificateThatHasExpiredIsNotLearned() throws IOException {
    DigitalId expired = CA.issue(DANA, SmallCa.ENCRYPTION, Instant.now().minus(Duration.ofDays(300)),
        Instant.now().minus(Duration.ofDays(1)));

    harvestFromDana(expired, List.of(CA.root()));

    assertThat(learnedFor(DANA)).containsExactly(DANA_SIGNS.certificate());
  }

  @Test
  void aNamedCertificateWhoseKeyCannotEncryptIsNotLearned() throws IOException {
    harvestFromDana(CA.issue(DANA, SmallCa.SIGNING), List.of(CA.root()));

    assertThat(learnedFor(DANA)).containsExactly(DANA_SIGNS.certificate());
  }

  @Test
  void anUntrustedSignerTeachesNoEncryptionCertificate() throws IOException {
    assertThat(harvestFromDana(DANA_ENCRYPTS, List.of())).isEmpty();
    assertThat(book().list()).isEmpty();
  }

  @Test
  void theNamedCertificateComesBeforeANewerOneNobodyNamed() throws IOException {
    harvestFromDana(DANA_ENCRYPTS, List.of(CA.root()));
    DigitalId newerDualUse = CA.issue(DANA, SmallCa.SIGNING | SmallCa.ENCRYPTION, Instant.now(),
        Instant.now().plus(Duration.ofDays(365)));
    book().harvest(read(signed(newerDualUse), List.of(CA.root())), Instant.now());

    Contact dana = book().find(DANA).orElseThrow();
    assertThat(dana.history().get(0).certificate()).isEqualTo(newerDualUse.certificate());
    assertThat(dana.forEncryption(Instant.now()).orElseThrow().certificate()).isEqualTo(DANA_ENCRYPTS.certificate());
  }

  @Test
  void ofTwoNamedCertificatesTheOneNamedLastIsTheOneToEncryptTo() {
    Instant now = Instant.now();
    DigitalId newer = CA.issue(DANA, SmallCa.ENCRYPTION, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    DigitalId older = CA.issue(DANA, SmallCa.ENCRYPTION, now.minus(Duration.ofDays(2)), now.plus(Duration.ofDays(365)));
    Contact dana = new Contact(DANA, List.of(
        new Contact.Known(newer.certificate(), List.of(), now, now, Optional.of(now.minus(Duration.ofDays(1)))),
        new Contact.Known(older.certificate(), List.of(), now, now, Optional.of(now))));

    assertThat(dana.history().get(0).certificate()).isEqualTo(newer.certificate());
    assertThat(dana.forEncryption(now).orElseThrow().certificate()).isEqualTo(older.certificate());
  }

  @Test
  void anAddressBookWrittenBeforeCertificatesWereNamedStillReadsAndUnnamedEntriesAreWrittenAsBefore()
      throws Exception {
    String certificate = java.util.Base64.getEncoder().encodeToString(DANA_SIGNS.certificate().getEncoded());
    java.nio.file.Files.writeString(store.resolve(AddressBook.FILE), "{\"version\":1,\"contacts\":{\"" + DANA
        + "\":[{\"certificate\":\"" + certificate + "\",\"capabilities\":[\"AES-128-GCM\"],"
        + "\"firstSeen\":\"2026-01-01T00:00:00Z\",\"lastSeen\":\"2026-01-02T00:00:00Z\"}]}}");

    assertThat(book().find(DANA).orElseThrow().current(Instant.now()).lastNamed()).isEmpty();
    book().harvest(read(signed(DANA_SIGNS), List.of(CA.root())), Instant.now());
    assertThat(java.nio.file.Files.readString(store.resolve(AddressBook.FILE))).doesNotContain("lastNamed");
  }

  private AddressBook book() {
    return AddressBook.in(store);
  }

  private static DigitalId id(TestPki.Identity identity) {
    return DigitalId.of(identity.privateKey(), identity.chain());
  }

  private static DigitalId selfSigned(String address, Instant at) {
    return DigitalId.selfSigned(address, "Carol", KeyType.EC_P256, Clock.fixed(at, ZoneOffset.UTC), new SecureRandom());
  }

  private static byte[] signed(DigitalId signer) throws IOException {
    return signed(SignOptions.defaults(signer));
  }

  private static byte[] signed(SignOptions options) throws IOException {
    DigitalId signer = options.signer();
    String from = dev.signet.core.Certificates.emails(signer.certificate()).get(0);
    byte[] message = ("From: " + from + "\r\nTo: bob@example.org\r\nSubject: Lunch\r\n\r\nNoon?\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Smime.withDefaults().sign(new ByteArrayInputStream(message), options, out);
    return out.toByteArray();
  }

  private static SecurityReport read(byte[] message, List<X509Certificate> anchors) throws IOException {
    return Smime.withDefaults().read(new ByteArrayInputStream(message), ReadOptions.verify(anchors),
        OutputStream.nullOutputStream());
  }
}
