package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/** Test fixtures built in code: people with digital IDs, certificates as PEM, small messages. */
final class Fixtures {
  /** PBKDF2 iterations for test IDs: low, to keep the tests quick. */
  static final int TEST_ITERATIONS = 1000;

  private Fixtures() {}

  /** Someone with a self-signed RSA-2048 digital ID saved as PKCS#12, and their certificate as PEM. */
  record Person(String email, DigitalId id, Path p12, Path certificatePem) {}

  static Person person(Path dir, String email, String name) throws IOException {
    return person(dir, email, name, Clock.systemUTC());
  }

  /** Someone whose ID was made in 2020 for two years: long expired. */
  static Person expiredPerson(Path dir, String email, String name) throws IOException {
    return person(dir, email, name, Clock.fixed(java.time.Instant.parse("2020-01-01T00:00:00Z"), java.time.ZoneOffset.UTC));
  }

  private static Person person(Path dir, String email, String name, Clock madeAt) throws IOException {
    SecureRandom random = new SecureRandom();
    DigitalId id = DigitalId.selfSigned(email, name, KeyType.RSA_2048, madeAt, random);
    String local = email.substring(0, email.indexOf('@'));
    Path p12 = writeId(dir.resolve(local + ".p12"), id);
    return new Person(email, id, p12, writePem(dir.resolve(local + ".pem"), id.certificate()));
  }

  /** {@code id} as PKCS#12 under the test password. */
  static Path writeId(Path file, DigitalId id) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      id.writePkcs12(out, CliRun.PASSWORD.toCharArray(), TEST_ITERATIONS, new SecureRandom());
    }
    return file;
  }

  /** {@code plain} signed by {@code signer} with `signet sign`, written to {@code out}. */
  static Path signed(Person signer, Path plain, Path out) {
    CliRun.Result sign = CliRun.withPassword().run("sign", "--id", signer.p12().toString(), "--in", plain.toString(),
        "--out", out.toString());
    assertThat(sign.exitCode()).as(sign.toString()).isZero();
    return out;
  }

  /** A digital ID a test made or a command wrote, opened with the test password. */
  static DigitalId readId(Path p12) throws IOException {
    try (InputStream in = Files.newInputStream(p12)) {
      return DigitalId.readPkcs12(in, CliRun.PASSWORD.toCharArray());
    }
  }

  static Path writePem(Path file, X509Certificate certificate) throws IOException {
    try {
      String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
          .encodeToString(certificate.getEncoded());
      Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n",
          StandardCharsets.US_ASCII);
      return file;
    } catch (CertificateEncodingException e) {
      throw new IOException(e);
    }
  }

  /**
   * A plain RFC 5322 text message with CRLF line ends, dated now, as a client dates what it sends: a
   * signing time far from the Date is DATE_MISMATCH.
   */
  static byte[] message(String from, String to, String subject, String body) {
    String text = "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nDate: "
        + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))
        + "\r\nMessage-ID: <tour-1@example.org>\r\n"
        + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body;
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The MIME header block and the decoded base64 body of a single-part message such as application/pkcs7-mime. */
  record Base64Part(String headers, byte[] decoded) {
    static Base64Part of(byte[] message) {
      String text = new String(message, StandardCharsets.US_ASCII);
      int split = text.indexOf("\r\n\r\n");
      if (split < 0) {
        throw new IllegalArgumentException("no header/body separator");
      }
      return new Base64Part(text.substring(0, split + 4), Base64.getMimeDecoder().decode(text.substring(split + 4)));
    }

    byte[] withBody(byte[] replacement) {
      String body = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(replacement);
      return (headers + body + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
  }
}
