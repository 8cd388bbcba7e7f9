package dev.signet.cli;

import dev.signet.core.DigestAlgorithm;
import dev.signet.core.DigitalId;
import dev.signet.core.Layer;
import dev.signet.core.SignOptions;
import dev.signet.core.SignatureScheme;
import dev.signet.mail.IdStore;
import dev.signet.mail.Profile;
import dev.signet.mail.StoredId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sign", mixinStandardHelpOptions = true,
    description = "Sign a message: clear-signed (multipart/signed) by default, or --opaque.")
final class SignCommand extends CommandBase {
  @Option(names = "--id", paramLabel = "ID.p12", description = "The signer's digital ID file.")
  Path id;

  @Option(names = "--profile", paramLabel = "NAME",
      description = "Sign with this stored profile's signing ID and hash (without --id: the default profile).")
  String profile;

  @Mixin StoreOption storeOption;

  @Option(names = "--opaque", description = "application/pkcs7-mime signed-data instead of multipart/signed.")
  boolean opaque;

  @Option(names = "--hash", paramLabel = "ALG", description = "sha256, sha384 or sha512 (default: the profile's, else sha256).")
  String hash;

  @Option(names = "--pss", description = "RSASSA-PSS instead of PKCS#1 v1.5 for an RSA key.")
  boolean pss;

  @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: standard output).")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (id != null && profile != null) {
      throw new UsageException("give --id or --profile, not both");
    }
    Signer signer = id != null ? new Signer(digitalId(id), DigestAlgorithm.SHA_256) : fromProfile();
    DigestAlgorithm digest = hash == null ? signer.digest() : digest(hash);
    SignOptions options = SignOptions.defaults(signer.id()).withDigest(digest)
        .withScheme(pss ? SignatureScheme.RSA_PSS : SignatureScheme.RSA_PKCS1_V1_5)
        .withFormat(opaque ? Layer.SignedFormat.OPAQUE : Layer.SignedFormat.CLEAR);
    try (InputStream message = input(); StagedOutput staged = StagedOutput.to(Optional.ofNullable(out), terminal.out())) {
      smime().sign(message, options, staged.stream());
      staged.commit();
    }
    return Cli.OK;
  }

  /** A --hash value: the SHA-2 digests new signatures may use. */
  static DigestAlgorithm digest(String name) {
    return DigestAlgorithm.fromName(name).filter(d -> !d.isLegacy())
        .orElseThrow(() -> new UsageException("unknown or refused --hash " + name + " (sha256, sha384, sha512)"));
  }

  /** The digital ID that signs and the hash it signs with unless --hash says otherwise. */
  private record Signer(DigitalId id, DigestAlgorithm digest) {}

  private Signer fromProfile() throws IOException {
    IdStore store = storeOption.open(terminal);
    Profile chosen = (profile == null ? store.defaultProfile() : store.profile(profile))
        .orElseThrow(() -> new UsageException(profile == null
            ? "--id or --profile is needed (the store has no default profile)"
            : "no profile named " + profile + " in " + store.folder()));
    StoredId stored = store.find(chosen.signingId())
        .orElseThrow(() -> new UsageException("profile " + chosen.name() + ": no ID named " + chosen.signingId()));
    if (!stored.currentAt(Instant.now())) {
      throw new UsageException("profile " + chosen.name() + ": " + stored.name() + " is not valid now (expires "
          + stored.expiry() + "); it is kept for old mail only");
    }
    char[] password = password("Password for " + stored.name() + ": ", false);
    try {
      return new Signer(store.load(stored.name(), password), chosen.hash());
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}
