package dev.signet.core.interop;

import dev.signet.core.DigitalId;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.Smime;
import dev.signet.testkit.ProcessRunner;
import dev.signet.testkit.TestPki;
import dev.signet.testkit.TestPki.Identity;
import dev.signet.testkit.TestPki.KeyKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Fixtures shared by the interop tests: messages built in code, PKI files, and the external runs. */
final class Interop {
  static final TestPki PKI = TestPki.get();
  static final String BODY = "Signet interop fixture: the quarterly figures are attached in spirit.\r\n"
      + "A second line, so that line endings matter.\r\n";

  private Interop() {}

  static Identity id(KeyKind kind) {
    return PKI.identity(kind);
  }

  static DigitalId digitalId(KeyKind kind) {
    Identity id = id(kind);
    return DigitalId.of(id.privateKey(), id.chain());
  }

  /** An RFC 5322 message from {@code from} to {@code to}, plain text, CRLF line endings. */
  static byte[] message(KeyKind from, KeyKind to) {
    String text = "From: Sender <" + id(from).email() + ">\r\n"
        + "To: Recipient <" + id(to).email() + ">\r\n"
        + "Subject: Interop fixture\r\n"
        + "Date: Mon, 02 Mar 2026 10:00:00 +0000\r\n"
        + "Message-ID: <interop-" + from.label() + "@signet.test>\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=us-ascii\r\n"
        + "\r\n"
        + BODY;
    return ascii(text);
  }

  /** The MIME entity that another implementation signs or encrypts (headers of the content part and body). */
  static byte[] entity() {
    return ascii("Content-Type: text/plain; charset=us-ascii\r\n\r\n" + BODY);
  }

  /** Writes the files external tools need for {@code kind} into {@code dir}, once. */
  static PkiFiles files(Path dir, KeyKind kind) {
    Identity id = id(kind);
    Path cert = dir.resolve(kind.label() + ".cert.pem");
    Path key = dir.resolve(kind.label() + ".key.pem");
    Path root = dir.resolve("root.pem");
    Path intermediate = dir.resolve("intermediate.pem");
    if (!Files.exists(cert)) {
      TestPki.writeCertificatesPem(cert, List.of(id.certificate()));
      TestPki.writePrivateKeyPem(key, id.privateKey());
    }
    if (!Files.exists(root)) {
      TestPki.writeCertificatesPem(root, List.of(PKI.root()));
      TestPki.writeCertificatesPem(intermediate, List.of(PKI.intermediate()));
    }
    return new PkiFiles(cert, key, root, intermediate);
  }

  /** Paths of one identity's certificate and key, and of the CA certificates. */
  record PkiFiles(Path cert, Path key, Path root, Path intermediate) {
    String certArg() {
      return cert.toString();
    }

    String keyArg() {
      return key.toString();
    }
  }

  static ProcessRunner.Result openssl(Path dir, byte[] stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    return ProcessRunner.run(dir, Map.of(), stdin, command);
  }

  /** Runs openssl and returns its standard output, failing with its error text if it exits non-zero. */
  static byte[] opensslOk(Path dir, byte[] stdin, String... args) {
    ProcessRunner.Result r = openssl(dir, stdin, args);
    if (r.exitCode() != 0) {
      throw new AssertionError("openssl " + String.join(" ", args) + " exited " + r.exitCode() + ":\n" + r.stderr());
    }
    return r.stdout();
  }

  /** Whether the installed OpenSSL is at least {@code major.minor}. */
  static boolean opensslAtLeast(int major, int minor) {
    String v = new String(opensslOk(Path.of("."), new byte[0], "version"), StandardCharsets.US_ASCII);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("OpenSSL (\\d+)\\.(\\d+)").matcher(v);
    if (!m.find()) {
      throw new AssertionError("cannot read the OpenSSL version: " + v);
    }
    int ma = Integer.parseInt(m.group(1));
    int mi = Integer.parseInt(m.group(2));
    return ma > major || (ma == major && mi >= minor);
  }

  static Smime smime() {
    return Smime.withDefaults();
  }

  static byte[] sign(byte[] message, dev.signet.core.SignOptions options) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      smime().sign(new ByteArrayInputStream(message), options, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] encrypt(byte[] message, dev.signet.core.EncryptOptions options) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      smime().encrypt(new ByteArrayInputStream(message), options, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** What Signet read: the report and the content it wrote. */
  record Read(SecurityReport report, String content) {}

  static Read read(byte[] message, ReadOptions options) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SecurityReport report = smime().read(new ByteArrayInputStream(message), options, out);
    return new Read(report, out.toString(StandardCharsets.UTF_8));
  }

  /**
   * The DER of the base64 body of the last S/MIME part of a message: the whole body of an
   * application/pkcs7-mime message, or the signature part of a multipart/signed one.
   */
  static byte[] cmsDer(byte[] smime) {
    String text = new String(smime, StandardCharsets.US_ASCII).replace("\r\n", "\n");
    int start;
    int end;
    int sig = text.indexOf("Content-Type: application/pkcs7-signature");
    if (sig >= 0) {
      start = text.indexOf("\n\n", sig) + 2;
      end = text.indexOf("\n--", start);
    } else {
      start = text.indexOf("\n\n") + 2;
      end = text.length();
    }
    return Base64.getMimeDecoder().decode(text.substring(start, end).trim());
  }

  /** The first part of a multipart/signed message, exactly as it was signed (CRLF line endings). */
  static byte[] signedPart(byte[] smime) {
    String text = new String(smime, StandardCharsets.US_ASCII);
    int b = text.indexOf("boundary=\"") + "boundary=\"".length();
    String delimiter = "\r\n--" + text.substring(b, text.indexOf('"', b));
    int first = text.indexOf(delimiter) + delimiter.length() + 2;
    int next = text.indexOf(delimiter, first);
    return ascii(text.substring(first, next));
  }

  /** The message with the first occurrence of {@code from} replaced by {@code to}. */
  static byte[] replaceFirst(byte[] message, String from, String to) {
    String text = new String(message, StandardCharsets.ISO_8859_1);
    int at = text.indexOf(from);
    if (at < 0) {
      throw new AssertionError("no \"" + from + "\" in the message to tamper with");
    }
    return (text.substring(0, at) + to + text.substring(at + from.length())).getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] readAllBytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
