package dev.signet.cli;

import dev.signet.core.DigestAlgorithm;
import dev.signet.core.SignOptions;
import dev.signet.core.SignatureScheme;
import dev.signet.core.SignedReceiptRequest;
import dev.signet.mail.Correspondent;
import dev.signet.mail.SendChoices;
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

  @Mixin PolicyOption policy;

  /** Signs as the policy in force plans it (format, hash, receipt request, label), with --pss for an RSA key. */
  @Override
  public Integer call() throws Exception {
    if (ess.tripleWrap) {
      throw new UsageException("--triple-wrap is for compose, which also encrypts");
    }
    Correspondent person = Correspondent.of(sender.store.open(terminal), policy.inForce(terminal));
    Sender signer = withHash(sender.resolve(this, person));
    SendChoices choices = new SendChoices(true, false, opaque, false,
        ess.choices(signer));
    SignOptions options = person.signature(choices, signer).signOptions(signer.id())
        .withScheme(pss ? SignatureScheme.RSA_PSS : SignatureScheme.RSA_PKCS1_V1_5);
    try (SentRequests.Head message = new SentRequests.Head(input());
        StagedOutput staged = StagedOutput.to(Optional.ofNullable(out), terminal.out())) {
      Optional<SignedReceiptRequest> request = smime().sign(message, options, staged.stream());
      staged.commit();
      SentRequests.keep(sender.store, terminal, request, message.bytes());
    }
    return Cli.OK;
  }

  private Sender withHash(Sender s) {
    return hash == null ? s : new Sender(s.id(), s.settings().withDigest(digest(hash)), s.defaultLabel());
  }

  /** A --hash value: the SHA-2 digests new signatures may use. */
  static DigestAlgorithm digest(String name) {
    return DigestAlgorithm.fromName(name).filter(d -> !d.isLegacy())
        .orElseThrow(() -> new UsageException("unknown or refused --hash " + name + " (sha256, sha384, sha512)"));
  }
}
