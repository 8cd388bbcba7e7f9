package dev.signet.mail.acme;

import dev.signet.core.Deadline;
import dev.signet.mail.transport.Envelope;
import dev.signet.mail.transport.FetchedMessages;
import dev.signet.mail.transport.Login;
import dev.signet.mail.transport.MailServer;
import dev.signet.mail.transport.MailTransport;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Answers an email-reply-00 challenge from the person's own mailbox: waits for the CA's challenge mail
 * over IMAP, newer than a mark taken before the order so that an earlier challenge is never answered,
 * and replies over SMTP as the person, logged in, so the mail server vouches for the sender.
 */
public final class MailboxResponder {
  private final MailTransport transport;
  private final MailServer imap;
  private final MailServer smtp;
  private final Login login;
  private final Duration pollInterval;

  /** The newest message in the folder when taken: a challenge is looked for only after it. */
  public record Mark(long uidValidity, long uid) {}

  public MailboxResponder(MailTransport transport, MailServer imap, MailServer smtp, Login login, Duration pollInterval) {
    this.transport = transport;
    this.imap = imap;
    this.smtp = smtp;
    this.login = login;
    this.pollInterval = pollInterval;
  }

  /** Where the folder stands now; take it before ordering. */
  public Mark mark() throws IOException {
    Newest newest = new Newest();
    transport.fetchNewest(imap, login, 0, 1, newest);
    return newest.mark;
  }

  /**
   * Replies as {@code person} to the first challenge mail from {@code challenge.from()} after {@code
   * since}, waiting at most {@code wait} for it to arrive.
   */
  public void answer(AcmeClient.Challenge challenge, String person, String accountThumbprint, Mark since,
      Duration wait) throws IOException {
    Deadline deadline = Deadline.after(wait);
    Optional<ChallengeMessage> found = find(challenge.from(), since);
    while (found.isEmpty()) {
      if (deadline.passed()) {
        throw new AcmeException("no challenge mail from " + challenge.from() + " arrived at " + imap + " within "
            + wait.toSeconds() + " s");
      }
      pause();
      found = find(challenge.from(), since);
    }
    byte[] reply = found.get().reply(person, challenge.token(), accountThumbprint);
    transport.submit(smtp, login, new Envelope(person, List.of(challenge.from())), reply);
  }

  private Optional<ChallengeMessage> find(String from, Mark since) throws IOException {
    Challenges challenges = new Challenges(from, since);
    transport.fetch(imap, login, challenges);
    return challenges.found;
  }

  private void pause() throws AcmeException {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AcmeException("interrupted while waiting for the challenge mail");
    }
  }

  /** Remembers the newest message's UID without keeping it. */
  private static final class Newest implements FetchedMessages {
    private Mark mark = new Mark(0, 0);

    @Override
    public boolean wants(long uidValidity, long uid) {
      mark = new Mark(uidValidity, uid);
      return false;
    }

    @Override
    public void accept(long uidValidity, long uid, Instant received, byte[] raw) {
      // wants() has taken the mark; the message itself is not needed
    }
  }

  /** The first challenge mail after the mark; a folder whose UIDs were renumbered is read whole. */
  private static final class Challenges implements FetchedMessages {
    private final String from;
    private final Mark since;
    private Optional<ChallengeMessage> found = Optional.empty();

    Challenges(String from, Mark since) {
      this.from = from;
      this.since = since;
    }

    @Override
    public long newerThan(long uidValidity) {
      return uidValidity == since.uidValidity() ? since.uid() : 0;
    }

    @Override
    public boolean wants(long uidValidity, long uid) {
      return found.isEmpty() && uid > newerThan(uidValidity);
    }

    @Override
    public void accept(long uidValidity, long uid, Instant received, byte[] raw) {
      found = ChallengeMessage.read(raw, from);
    }
  }
}
