package dev.signet.cli;

import dev.signet.core.DigestAlgorithm;
import dev.signet.core.Layer;
import dev.signet.core.SignOptions;
import dev.signet.core.SignatureScheme;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sign", mixinStandardHelpOptions = true,
    description = "Sign a message: clear-signed (multipart/signed) by default, or --opaque.")
final class SignCommand extends CommandBase {
  @Option(names = "--id", required = true, paramLabel = "ID.p12", description = "The signer's digital ID.")
  Path id;

  @Option(names = "--opaque", description = "application/pkcs7-mime signed-data instead of multipart/signed.")
  boolean opaque;

  @Option(names = "--hash", paramLabel = "ALG", defaultValue = "sha256", description = "sha256, sha384 or sha512.")
  String hash;

  @Option(names = "--pss", description = "RSASSA-PSS instead of PKCS#1 v1.5 for an RSA key.")
  boolean pss;

  @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: standard output).")
  Path out;

  @Override
  public Integer call() throws Exception {
    DigestAlgorithm digest = DigestAlgorithm.fromName(hash).filter(d -> !d.isLegacy())
        .orElseThrow(() -> new UsageException("unknown or refused --hash " + hash + " (sha256, sha384, sha512)"));
    SignOptions options = SignOptions.defaults(digitalId(id)).withDigest(digest)
        .withScheme(pss ? SignatureScheme.RSA_PSS : SignatureScheme.RSA_PKCS1_V1_5)
        .withFormat(opaque ? Layer.SignedFormat.OPAQUE : Layer.SignedFormat.CLEAR);
    try (InputStream message = input(); StagedOutput staged = StagedOutput.to(Optional.ofNullable(out), terminal.out())) {
      smime().sign(message, options, staged.stream());
      staged.commit();
    }
    return Cli.OK;
  }
}
