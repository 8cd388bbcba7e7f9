package dev.signet.core;

import java.util.Objects;

/**
 * A part a mailing list appended after the signed entity (the message's root is multipart/mixed of
 * the signed entity, then this): covered by no signature, to be shown apart from what was signed.
 *
 * @param contentType the footer's media type, as text/plain
 */
public record UnsignedFooter(String contentType) {
  public UnsignedFooter {
    Objects.requireNonNull(contentType, "contentType");
  }
}
