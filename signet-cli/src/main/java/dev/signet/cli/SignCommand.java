package dev.signet.cli;

import dev.signet.core.DigestAlgorithm;
import dev.signet.core.Layer;
import dev.signet.core.SignOptions;
import dev.signet.core.SignatureScheme;
import dev.signet.core.Policy;
import dev.signet.core.SignedReceiptRequest;
import dev.signet.mail.Sender;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sign", mixinStandardHelpOptions = true,
    description = "Sign a message: clear-signed (multipart/signed) by default, or --opaque.")
final class SignCommand extends CommandBase {
  @Mixin SenderOption sender;

  @Option(names = "--opaque", description = "application/pkcs7-mime signed-data instead of multipart/signed.")
  boolean opaque;

  @Option(names = "--hash", paramLabel = "ALG", description = "sha256, sha384 or sha512 (default: the profile's, else sha256).")
  String hash;

  @Option(names = "--pss", description = "RSASSA-PSS instead of PKCS#1 v1.5 for an RSA key.")
  boolean pss;

  @Mixin EssOptions ess;

  @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: standard output).")
  Path out;

  @Override
  public Integer call() throws Exception {
    Sender signer = sender.resolve(this, correspondent(sender.store.open(terminal), Policy.defaults()));
    DigestAlgorithm digest = hash == null ? signer.settings().digest() : digest(hash);
    SignOptions options = SignOptions.defaults(signer.id()).withDigest(digest)
        .withScheme(pss ? SignatureScheme.RSA_PSS : SignatureScheme.RSA_PKCS1_V1_5)
        .withFormat(opaque ? Layer.SignedFormat.OPAQUE : Layer.SignedFormat.CLEAR)
        .withCertificates(signer.settings().sendCertificates())
        .withEncryptionKeyPreference(signer.settings().encryptionCertificate());
    options = ess.apply(options, signer.defaultLabel());
    try (SentRequests.Head message = new SentRequests.Head(input());
        StagedOutput staged = StagedOutput.to(Optional.ofNullable(out), terminal.out())) {
      Optional<SignedReceiptRequest> request = smime().sign(message, options, staged.stream());
      staged.commit();
      SentRequests.keep(sender.store, terminal, request, message.bytes());
    }
    return Cli.OK;
  }

  /** A --hash value: the SHA-2 digests new signatures may use. */
  static DigestAlgorithm digest(String name) {
    return DigestAlgorithm.fromName(name).filter(d -> !d.isLegacy())
        .orElseThrow(() -> new UsageException("unknown or refused --hash " + name + " (sha256, sha384, sha512)"));
  }
}
