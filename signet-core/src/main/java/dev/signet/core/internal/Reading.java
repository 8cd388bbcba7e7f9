package dev.signet.core.internal;

import dev.signet.core.Limits;
import dev.signet.core.MalformedInputException;
import dev.signet.core.ReadOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * One read in progress, shared by the jobs that read its layers: the options and limits, the report
 * being built, and what encloses the entity being read (the identity its signatures must bind, the
 * message's header fields not yet written, encryption or a mixed multipart around it).
 */
final class Reading {
  private final ReadOptions options;
  private final Limits limits;
  private final Clock clock;
  private final CallerStreams caller = new CallerStreams();
  private final ReportBuilder report = new ReportBuilder();
  private Optional<ClaimedIdentity> identity = Optional.empty();
  /** The message's header fields, held until the payload root shows whether protected ones replace them. */
  private Optional<HeaderBlock> pendingOuter = Optional.empty();
  private int encryptionDepth;
  private int openMixed;

  Reading(ReadOptions options, Limits limits, Clock clock) {
    this.options = options;
    this.limits = limits;
    this.clock = clock;
  }

  ReadOptions options() {
    return options;
  }

  Limits limits() {
    return limits;
  }

  CallerStreams caller() {
    return caller;
  }

  ReportBuilder report() {
    return report;
  }

  Optional<ClaimedIdentity> identity() {
    return identity;
  }

  void setIdentity(Optional<ClaimedIdentity> claimed) {
    identity = claimed;
  }

  SignerVerifier verifier() {
    return new SignerVerifier(options, limits, clock.instant());
  }

  void checkSignerCount(int n) {
    if (n > limits.maxSigners()) {
      throw new MalformedInputException("more than " + limits.maxSigners() + " signers");
    }
  }

  void holdMessageHeaders(HeaderBlock fields) {
    pendingOuter = Optional.of(fields);
  }

  Optional<HeaderBlock> heldMessageHeaders() {
    return pendingOuter;
  }

  /** The message's own header fields, unless written already: before the content, whatever it is. */
  void writeMessageHeaders(OutputStream out) throws IOException {
    writeMessageHeaders(pendingOuter.orElse(HeaderBlock.empty()), out);
  }

  /** {@code fields} as the message's header fields, unless these were written already. */
  void writeMessageHeaders(HeaderBlock fields, OutputStream out) throws IOException {
    if (pendingOuter.isEmpty()) {
      return;
    }
    pendingOuter = Optional.empty();
    fields.writeCanonical(out);
    out.write("MIME-Version: 1.0\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  /** A multipart outside any encryption opens: an encrypted part inside it sits among unencrypted ones. */
  void enterMultipart() {
    if (encryptionDepth == 0) {
      openMixed++;
    }
  }

  void leaveMultipart() {
    if (encryptionDepth == 0) {
      openMixed--;
    }
  }

  boolean amongUnencryptedParts() {
    return encryptionDepth == 0 && openMixed > 0;
  }

  void enterEncrypted() {
    encryptionDepth++;
  }

  void leaveEncrypted() {
    encryptionDepth--;
  }
}
