package dev.signet.cli;

import dev.signet.core.ContentCipher;
import dev.signet.core.DigitalId;
import dev.signet.core.EncryptOptions;
import dev.signet.core.KeyType;
import dev.signet.core.Layer;
import dev.signet.core.ReadOptions;
import dev.signet.core.SignOptions;
import dev.signet.core.Smime;
import dev.signet.core.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "selftest", mixinStandardHelpOptions = true,
    description = "Sign, encrypt and read back a message with throwaway digital IDs of each key type, in memory.")
final class SelftestCommand extends CommandBase {
  private static final byte[] MESSAGE = ("From: selftest@example.org\r\nTo: selftest@example.org\r\nSubject: selftest\r\n"
      + "\r\nHello from signet selftest.\r\n").getBytes(StandardCharsets.US_ASCII);

  @Override
  public Integer call() throws IOException {
    SecureRandom random = new SecureRandom();
    Smime smime = smime();
    for (KeyType type : List.of(KeyType.RSA_2048, KeyType.EC_P256, KeyType.ED25519)) {
      DigitalId id = DigitalId.selfSigned("selftest@example.org", "Selftest", type, Clock.systemUTC(), random);
      DigitalId recipient = type == KeyType.ED25519
          ? DigitalId.selfSigned("selftest@example.org", "Selftest", KeyType.EC_P256, Clock.systemUTC(), random) : id;
      for (Layer.SignedFormat format : List.of(Layer.SignedFormat.CLEAR, Layer.SignedFormat.OPAQUE)) {
        for (ContentCipher cipher : List.of(ContentCipher.AES_128_GCM, ContentCipher.AES_256_CBC)) {
          check(smime, id, recipient, format, cipher);
        }
      }
      terminal.err().println("signet selftest: " + type.cliName() + " ok");
    }
    terminal.out().println("selftest passed");
    return Cli.OK;
  }

  private static void check(Smime smime, DigitalId signer, DigitalId recipient, Layer.SignedFormat format,
      ContentCipher cipher) throws IOException {
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    smime.sign(new ByteArrayInputStream(MESSAGE), SignOptions.defaults(signer).withFormat(format), signed);
    ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
    smime.encrypt(new ByteArrayInputStream(signed.toByteArray()),
        EncryptOptions.defaults(List.of(recipient.certificate())).withCipher(cipher), encrypted);
    var report = smime.read(new ByteArrayInputStream(encrypted.toByteArray()),
        ReadOptions.readAll(List.of(recipient), List.of(signer.certificate())), OutputStream.nullOutputStream());
    if (report.verdict() != Verdict.VALID) {
      throw new IllegalStateException("selftest failed: " + report.problems());
    }
  }
}
