package dev.signet.mail;

import dev.signet.core.DigitalId;
import dev.signet.core.SecurityLabel;
import dev.signet.core.SenderSettings;
import java.util.Objects;
import java.util.Optional;

/**
 * Who sends a new message: the digital ID that signs, the settings it signs and encrypts with (a
 * settings profile's, or the defaults), and the profile's default security label.
 */
public record Sender(DigitalId id, SenderSettings settings, Optional<SecurityLabel> defaultLabel) {
  public Sender {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(defaultLabel, "defaultLabel");
  }
}
