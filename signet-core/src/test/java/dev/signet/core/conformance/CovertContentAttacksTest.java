package dev.signet.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.AlgorithmPolicy;
import dev.signet.core.Certificates;
import dev.signet.core.DigitalId;
import dev.signet.core.ProblemCode;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.Smime;
import dev.signet.core.Verdict;
import dev.signet.testkit.SharedTestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The S/MIME mails of "Re: What's up Johnny?" (covert content / reply attacks), read in place from
 * ../shared/testdata/covert-content-attacks: an AES-128-CBC message to manager@, and the same
 * ciphertext hidden among attacker parts so that a reply would quote its plaintext.
 */
class CovertContentAttacksTest {
  /** What the original decrypts to. */
  private static final String SECRET_WORDS = "THIS IS A PGP/MIME ENCRYPTED MESSAGE";
  // The key file is PBES2 with 3DES-CBC (OpenSSL's old default), which only Bouncy Castle's provider reads.
  private static DigitalId manager;

  @BeforeAll
  static void theRecipientsKeyIsReadWithThePasswordOfItsReadme() throws Exception {
    Path keys = SharedTestData.folder("covert-content-attacks").resolve("assets/secret-keys");
    try (InputStream cert = Files.newInputStream(keys.resolve("manager@bigcorporation.crt"))) {
      manager = DigitalId.of(privateKey(keys.resolve("manager@bigcorporation.key")), Certificates.read(cert));
    }
  }

  private static PrivateKey privateKey(Path file) throws IOException, OperatorCreationException, PKCSException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(in)) {
      var encrypted = (PKCS8EncryptedPrivateKeyInfo) pem.readObject();
      var info = encrypted.decryptPrivateKeyInfo(
          new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(new BouncyCastleProvider())
              .build("test12345678".toCharArray()));
      return new JcaPEMKeyConverter().getPrivateKey(info);
    }
  }

  private record Read(SecurityReport report, String content) {}

  private static Read read(String relative) throws IOException {
    Path mail = SharedTestData.folder("covert-content-attacks").resolve(relative);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = Files.newInputStream(mail)) {
      SecurityReport report = Smime.withDefaults().read(in, ReadOptions.readAll(List.of(manager), List.of())
          .withAlgorithms(AlgorithmPolicy.BASELINE_2025), out);
      return new Read(report, out.toString(StandardCharsets.ISO_8859_1));
    }
  }

  @Test
  void theOriginalDecryptsWithTheRecipientsKeyAndItsCbcIsFlaggedUnauthenticated() throws IOException {
    Read read = read("01-enc/smime/00-original-mail.eml");
    assertThat(read.report().encrypted()).isTrue();
    assertThat(read.content()).containsIgnoringCase(SECRET_WORDS);
    assertThat(read.report().has(ProblemCode.UNAUTHENTICATED_ENCRYPTION)).isTrue();
    assertThat(read.report().has(ProblemCode.PARTIALLY_ENCRYPTED)).isFalse();
  }

  @ParameterizedTest(name = "{0}: partially encrypted, the plaintext never written beside the attacker's parts")
  @ValueSource(strings = {"01-enc/smime/01-reply-mix-822.eml", "01-enc/smime/01-reply-mix-alt.eml",
      "01-enc/smime/01-reply-mix-crlf.eml", "reevaluation-2020/01-enc/smime/01-reply-mix-css-modified.eml"})
  void everyCraftedMailIsPartiallyEncryptedAndItsPlaintextWithheld(String mail) throws IOException {
    Read read = read(mail);
    assertThat(read.report().has(ProblemCode.PARTIALLY_ENCRYPTED)).isTrue();
    assertThat(read.report().has(ProblemCode.UNAUTHENTICATED_ENCRYPTION)).isTrue();
    assertThat(read.report().verdict()).isEqualTo(Verdict.ERROR);
    assertThat(read.content()).doesNotContainIgnoringCase(SECRET_WORDS);
  }
}
