package dev.signet.bench;

import dev.signet.core.EncryptOptions;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.SignOptions;
import dev.signet.core.Smime;
import dev.signet.core.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Builds protected messages in memory once, and checks them, before anything is measured. */
final class Fixtures {
  private Fixtures() {}

  static byte[] sign(Smime smime, byte[] message, SignOptions options) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 16_384);
    smime.sign(new ByteArrayInputStream(message), options, out);
    return out.toByteArray();
  }

  static byte[] encrypt(Smime smime, byte[] message, EncryptOptions options) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.length * 4 / 3 + 16_384);
    smime.encrypt(new ByteArrayInputStream(message), options, out);
    return out.toByteArray();
  }

  /** Reads {@code message} and fails unless the verdict is valid: a benchmark of a rejection would mislead. */
  static void requireValid(Smime smime, byte[] message, ReadOptions options) throws IOException {
    SecurityReport report = smime.read(new ByteArrayInputStream(message), options, OutputStream.nullOutputStream());
    if (report.verdict() != Verdict.VALID) {
      throw new IllegalStateException("fixture does not read as valid: " + report);
    }
  }
}
