package dev.signet.mail;

import dev.signet.core.DigitalId;
import java.io.IOException;

/**
 * How a front end opens one of the person's stored digital IDs: the command line asks for the
 * password, the web takes the IDs the person unlocked for the session.
 */
@FunctionalInterface
public interface Unlocking {
  /** @throws dev.signet.core.KeyUnavailableException when the ID cannot be opened now (locked, wrong password) */
  DigitalId open(StoredId id) throws IOException;
}
