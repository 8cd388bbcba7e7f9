package dev.signet.mail;

import dev.signet.core.ContentCipher;
import dev.signet.core.DigestAlgorithm;
import dev.signet.core.FailureKind;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/** Profiles to and from their form in the settings file. */
final class ProfileCodec {
  private ProfileCodec() {}

  static Settings.ProfileEntry entry(Profile p) {
    return new Settings.ProfileEntry(p.signingId(), p.encryptionId().orElse(null), p.hash().jcaName(),
        p.cipher().displayName(), p.sendCertificates(), p.label().map(Base64.getEncoder()::encodeToString).orElse(null),
        p.nonExportable(), p.subjectVisible());
  }

  static Profile profile(String name, Settings.ProfileEntry e) throws StoreException {
    DigestAlgorithm hash = DigestAlgorithm.fromName(e.hash())
        .orElseThrow(() -> new StoreException(FailureKind.STORAGE, "profile " + name + ": unknown hash " + e.hash()));
    ContentCipher cipher = Arrays.stream(ContentCipher.values()).filter(c -> c.displayName().equals(e.cipher()))
        .findFirst().orElseThrow(() -> new StoreException(FailureKind.STORAGE, "profile " + name + ": unknown cipher " + e.cipher()));
    try {
      return new Profile(name, e.signingId(), Optional.ofNullable(e.encryptionId()), hash, cipher,
          e.sendCertificates(), Optional.ofNullable(e.label()).map(Base64.getDecoder()::decode), e.nonExportable(),
          e.subjectVisible());
    } catch (IllegalArgumentException | NullPointerException x) {
      throw new StoreException(FailureKind.STORAGE, "profile " + name + ": " + x.getMessage(), x);
    }
  }
}
