package dev.signet.server.web;

import dev.signet.core.DigitalId;
import dev.signet.core.FailureKind;
import dev.signet.core.Smime;
import dev.signet.mail.Correspondent;
import dev.signet.mail.Sender;
import dev.signet.mail.StoreException;
import dev.signet.mail.Unlocking;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** The signed-in person's side of signet-mail, as the web's pages call it: one place that makes it. */
final class Correspondents {
  private final KeyRing keys;
  private final MailReader reader;
  private final Recipients recipients;
  private final Clock clock;
  private final SecureRandom random;

  Correspondents(KeyRing keys, MailReader reader, Recipients recipients, Clock clock, SecureRandom random) {
    this.keys = keys;
    this.reader = reader;
    this.recipients = recipients;
    this.clock = clock;
    this.random = random;
  }

  /**
   * The person's side of Signet under the organisation's policy, with the organisation's places to look
   * recipients up.
   */
  Correspondent of(Sessions.Session s) {
    return Correspondent.of(keys.store(s.person().email()), reader.policy()).withClock(clock)
        .withEngine(Smime.withDefaults().withClock(clock).withRandom(random))
        .withRecipientLookup(recipients.lookup());
  }

  /**
   * The sender signet-mail chooses from the chosen (or default) profile, else the newest signing ID for the
   * person's address, among the IDs unlocked for the session; empty while they are locked.
   *
   * @throws StoreException when the chosen ID is not valid now, or the profile is gone
   */
  Optional<Sender> sender(Sessions.Session s, String profileName) throws IOException {
    Map<String, DigitalId> open = keys.of(s);
    if (open.isEmpty()) {
      return Optional.empty();
    }
    Unlocking unlocked = stored -> Optional.ofNullable(open.get(stored.name()))
        .orElseThrow(() -> new StoreException(FailureKind.KEY_UNAVAILABLE, stored.name() + " is not unlocked"));
    return Optional.of(of(s).sender(Optional.of(profileName).filter(n -> !n.isEmpty()),
        Optional.of(s.person().email()), unlocked));
  }
}
