package dev.signet.mail;

import dev.signet.core.Certificates;
import dev.signet.core.DigitalId;
import dev.signet.core.FailureKind;
import dev.signet.core.SecurityLabel;
import dev.signet.core.SenderSettings;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Chooses who sends: a digital ID the person gives, or a settings profile (named, else the store's
 * default), else the newest current signing ID for the person's address. Only IDs valid now sign or
 * receive new mail; expired ones are kept for old mail.
 */
final class Senders {
  private final IdStore ids;

  Senders(IdStore ids) {
    this.ids = ids;
  }

  /** A digital ID given directly (a file): its own certificate receives, default settings. */
  static Sender of(DigitalId id, Instant now) throws StoreException {
    refuseUnlessCurrent(id.certificate(), "the digital ID " + Certificates.subject(id.certificate()), now);
    return new Sender(id, SenderSettings.of(id), Optional.empty());
  }

  Sender choose(Optional<String> profileName, Optional<String> address, Unlocking unlocking, Instant now)
      throws IOException {
    Optional<Profile> profile = profileName.isPresent() ? ids.profile(profileName.get()) : ids.defaultProfile();
    if (profileName.isPresent() && profile.isEmpty()) {
      throw new StoreException(FailureKind.NOT_FOUND, "no profile named " + profileName.get());
    }
    if (profile.isPresent()) {
      return fromProfile(profile.get(), unlocking, now);
    }
    String from = address.orElseThrow(() -> new StoreException(FailureKind.MALFORMED_INPUT, "no sender: give a digital ID or a profile"
        + " (the store has no default profile)"));
    StoredId signing = ids.signingIdFor(from).orElseThrow(() -> new StoreException(FailureKind.KEY_UNAVAILABLE, "no digital ID valid now signs"
        + " for " + from));
    DigitalId id = unlocking.open(signing);
    X509Certificate receiving = ids.encryptionIdFor(from).map(StoredId::certificate).orElse(id.certificate());
    return new Sender(id, SenderSettings.of(id).withEncryptionCertificate(receiving), Optional.empty());
  }

  private Sender fromProfile(Profile profile, Unlocking unlocking, Instant now) throws IOException {
    StoredId signing = current(profile, profile.signingId(), now);
    StoredId receiving = current(profile, profile.receivingId(), now);
    DigitalId id = unlocking.open(signing);
    return new Sender(id, new SenderSettings(profile.hash(), profile.cipher(), profile.sendCertificates(),
        receiving.certificate(), true, profile.subjectVisible()), profile.label().map(SecurityLabel::fromDer));
  }

  private StoredId current(Profile profile, String name, Instant now) throws IOException {
    StoredId stored = ids.find(name)
        .orElseThrow(() -> new StoreException(FailureKind.NOT_FOUND, "profile " + profile.name() + ": no ID named " + name));
    refuseUnlessCurrent(stored.certificate(), "profile " + profile.name() + ": " + name, now);
    return stored;
  }

  private static void refuseUnlessCurrent(X509Certificate cert, String what, Instant now) throws StoreException {
    Instant from = cert.getNotBefore().toInstant();
    Instant until = cert.getNotAfter().toInstant();
    if (now.isBefore(from) || now.isAfter(until)) {
      throw new StoreException(FailureKind.KEY_UNAVAILABLE, what + " is not valid now (valid from " + day(from) + " until " + day(until)
          + "); it signs no new mail and is kept for old mail only");
    }
  }

  private static String day(Instant t) {
    return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t.atOffset(ZoneOffset.UTC).withNano(0)) + "Z";
  }
}
