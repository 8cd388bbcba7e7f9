package dev.signet.cli;

import dev.signet.core.ComposePolicy;
import dev.signet.core.ContentCipher;
import dev.signet.core.EncryptOptions;
import dev.signet.core.KeyTransport;
import dev.signet.core.Limits;
import dev.signet.core.MessageHead;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "encrypt", mixinStandardHelpOptions = true,
    description = "Encrypt a message to one or more recipients (AES-128-GCM AuthEnvelopedData by default).")
final class EncryptCommand extends CommandBase {
  @Option(names = "--to", required = true, paramLabel = "CERT.pem", description = "A recipient's certificate; repeat for more.")
  List<Path> to;

  @Option(names = "--cipher", paramLabel = "CIPHER", defaultValue = "aes128-gcm",
      description = "aes128-gcm, aes256-gcm (AuthEnvelopedData), aes128-cbc or aes256-cbc (EnvelopedData).")
  String cipher;

  @Option(names = "--rsa-padding", paramLabel = "PAD", defaultValue = "pkcs1",
      description = "Key transport to RSA recipients: pkcs1 (what every client reads) or oaep (RSAES-OAEP, SHA-256).")
  String padding;

  @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: standard output).")
  Path out;

  @Mixin PolicyOption policy;

  /** Encrypts as asked, within the policy in force (ComposePolicy.encryption decides). */
  @Override
  public Integer call() throws Exception {
    EncryptOptions asked = EncryptOptions.defaults(certificates(to)).withCipher(cipher(cipher))
        .withKeyTransport(transport(padding));
    try (InputStream in = input(); StagedOutput staged = StagedOutput.to(Optional.ofNullable(out), terminal.out())) {
      MessageHead message = MessageHead.read(in, Limits.DEFAULT);
      EncryptOptions options = ComposePolicy.encryption(asked, message.signed(), Instant.now(), policy.inForce(terminal));
      smime().encrypt(message.message(), options, staged.stream());
      staged.commit();
    }
    return Cli.OK;
  }

  static ContentCipher cipher(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "aes128-gcm" -> ContentCipher.AES_128_GCM;
      case "aes256-gcm" -> ContentCipher.AES_256_GCM;
      case "aes128-cbc" -> ContentCipher.AES_128_CBC;
      case "aes256-cbc" -> ContentCipher.AES_256_CBC;
      default -> throw new UsageException("unknown --cipher " + name
          + " (aes128-gcm, aes256-gcm, aes128-cbc, aes256-cbc)");
    };
  }

  private static KeyTransport transport(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "pkcs1" -> KeyTransport.RSA_PKCS1_V1_5;
      case "oaep" -> KeyTransport.RSA_OAEP;
      default -> throw new UsageException("unknown --rsa-padding " + name + " (pkcs1, oaep)");
    };
  }
}
