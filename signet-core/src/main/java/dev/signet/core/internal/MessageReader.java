package dev.signet.core.internal;

import dev.signet.core.Limits;
import dev.signet.core.MalformedInputException;
import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.SmimeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import org.bouncycastle.cms.CMSException;

/**
 * Reads a message layer by layer in one streaming pass: clear and opaque signatures, enveloped and
 * authenticated-enveloped data, compressed data, in any nesting, building the security report.
 */
public final class MessageReader {
  private final ReadOptions options;
  private final Reading reading;
  private final MimeWalk walk;

  public MessageReader(ReadOptions options, Limits limits, Clock clock) {
    this.options = options;
    this.reading = new Reading(options, limits, clock);
    this.walk = new MimeWalk(reading);
  }

  public SecurityReport read(InputStream message, OutputStream content) throws IOException {
    MimeInput in = new MimeInput(reading.caller().watch(message));
    OutputStream out = reading.caller().watch(content);
    try {
      judgeCoverage(walk.read(in, out));
    } catch (SmimeException e) {
      throw e;
    } catch (CMSException | RuntimeException e) {
      throw new MalformedInputException("malformed CMS: " + ErrorText.of(e), e);
    } catch (IOException e) {
      if (reading.caller().failed()) {
        throw e;
      }
      throw new MalformedInputException("malformed input: " + ErrorText.of(e), e);
    }
    ReportBuilder report = reading.report();
    if (options.depth() != ReadOptions.Depth.DECRYPT && (report.countSigned() == 0 || !report.hasSigners())) {
      report.add(Problem.of(ProblemCode.NOT_SIGNED, report.countSigned() == 0 ? "the message is not signed"
          : "the message is not signed: its signed layer has no signers"));
    }
    return report.build(options.policy());
  }

  /**
   * PARTIALLY_SIGNED when a good signature covers only some of the displayed content (MIME wrapping:
   * a signed part beside unsigned ones, a signed message forwarded inside an unsigned one).
   */
  private void judgeCoverage(Coverage coverage) {
    if (coverage.signed() && coverage.unsigned()) {
      reading.report().add(Problem.of(ProblemCode.PARTIALLY_SIGNED,
          "only part of the message is signed: the parts beside the signed one are not covered by any signature"));
    }
  }
}
