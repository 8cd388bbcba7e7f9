package dev.signet.core.attacks;

import dev.signet.core.DigitalId;
import dev.signet.core.EncryptOptions;
import dev.signet.core.KeyType;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.SignOptions;
import dev.signet.core.Smime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

/** Attack mails built in code: people with digital IDs, signed and encrypted entities, MIME wrappers. */
final class Mail {
  static final Smime SMIME = Smime.withDefaults();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Mail() {}

  /** What reading a message gave: its report and the content written out. */
  record Read(SecurityReport report, String content) {}

  static DigitalId person(String email, String name) {
    return DigitalId.selfSigned(email, name, KeyType.EC_P256, Clock.systemUTC(), RANDOM);
  }

  static String message(String headers, String entity) {
    return headers + "MIME-Version: 1.0\r\n" + entity;
  }

  static String text(String body) {
    return "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + body + "\r\n";
  }

  static String html(String body) {
    return "Content-Type: text/html; charset=us-ascii\r\n\r\n" + body + "\r\n";
  }

  /** A multipart entity of the given subtype around {@code parts}. */
  static String multipart(String subtype, String... parts) {
    StringBuilder out = new StringBuilder("Content-Type: multipart/" + subtype + "; boundary=\"WRAP-" + subtype
        + parts.length + "\"\r\n\r\n");
    for (String part : parts) {
      out.append("--WRAP-").append(subtype).append(parts.length).append("\r\n").append(part).append("\r\n");
    }
    return out.append("--WRAP-").append(subtype).append(parts.length).append("--\r\n").toString();
  }

  static String forwarded(String message) {
    return "Content-Type: message/rfc822\r\n\r\n" + message;
  }

  /** A whole message signed by {@code id} with Signet's defaults. */
  static String signed(String message, SignOptions options) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      SMIME.sign(bytes(message), options, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  static String signed(String message, DigitalId id) {
    return signed(message, SignOptions.defaults(id));
  }

  static String encrypted(String message, EncryptOptions options) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      SMIME.encrypt(bytes(message), options, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  /** The protected MIME entity of a message Signet wrote: its Content-* fields and body, no RFC 5322 header. */
  static String entityOf(String message) {
    int split = message.indexOf("\r\n\r\n");
    StringBuilder headers = new StringBuilder();
    boolean keep = false;
    for (String line : message.substring(0, split).split("\r\n")) {
      if (!line.startsWith(" ") && !line.startsWith("\t")) {
        keep = line.regionMatches(true, 0, "Content-", 0, 8);
      }
      if (keep) {
        headers.append(line).append("\r\n");
      }
    }
    return headers + message.substring(split + 2);
  }

  static Read verify(String message, List<X509Certificate> trusted) {
    return read(message, ReadOptions.verify(trusted));
  }

  static Read readAll(String message, DigitalId key, List<X509Certificate> trusted) {
    return read(message, ReadOptions.readAll(List.of(key), trusted));
  }

  static Read read(String message, ReadOptions options) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      SecurityReport report = SMIME.read(bytes(message), options, out);
      return new Read(report, out.toString(StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ByteArrayInputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
  }
}
