package dev.signet.core.internal;

import dev.signet.core.Limits;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A message to be written split into the RFC 5322 fields that stay outside and the entity that is
 * protected, with the legacy display text its main body part opens with, if header protection hides
 * anything.
 */
record SplitMessage(HeaderBlock outer, HeaderBlock entity, Optional<String> legacyDisplay) {
  /** Reads the message's header fields from {@code in}, leaving its body there. */
  static SplitMessage of(MimeInput in, Limits limits, HeaderProtection protection) throws IOException {
    HeaderBlock all = HeaderBlock.startsHeaders(in) ? HeaderBlock.read(in, limits) : HeaderBlock.empty();
    HeaderBlock outer = all.filter(f -> !f.isContentField() && !f.is("MIME-Version"));
    HeaderBlock entity = all.filter(HeaderField::isContentField);
    if (entity.first("Content-Type").isEmpty()) {
      entity = new HeaderBlock(List.of(HeaderField.of("Content-Type", "text/plain"))).withAll(entity);
    }
    HeaderProtection.Protected written = protection.apply(outer, entity);
    return new SplitMessage(written.outer(), written.entity(), written.legacyDisplay());
  }
}
