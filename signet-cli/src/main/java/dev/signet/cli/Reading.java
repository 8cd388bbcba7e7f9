package dev.signet.cli;

import dev.signet.core.KeyUnavailableException;
import dev.signet.core.ProblemCode;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.Smime;
import dev.signet.mail.ContentRelease;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * How the reading verbs end: the report printed, the content released as signet-mail decides
 * ({@link ContentRelease}) or when the person asks (--show-anyway), never above their clearance.
 */
final class Reading {
  private Reading() {}

  /** Reads with the person's clock; a missing key is explained in the organisation's words. */
  static SecurityReport read(Smime smime, InputStream message, ReadOptions options, StagedOutput staged,
      ReadingOptions reading, Terminal terminal) throws IOException {
    try {
      return smime.withClock(reading.clock()).read(message, options, staged.stream());
    } catch (KeyUnavailableException e) {
      explainMissingKey(reading, terminal);
      throw e;
    }
  }

  /** Prints the report ({@code file} named when the message is one of a batch) and releases the content if due. */
  static int finish(SecurityReport report, ReadingOptions reading, StagedOutput staged, Terminal terminal,
      boolean releaseContent, Optional<Path> file) throws IOException {
    ContentRelease decided = ContentRelease.decide(report, reading.policy(terminal), Set.of());
    Optional<String> refusal = reading.clearanceRefusal(report);
    boolean release = releaseContent && refusal.isEmpty() && (decided.shown() || reading.showAnyway);
    if (reading.json) {
      terminal.out().println(ReportPrinter.json(file, report, release, decided.by()));
      terminal.out().flush();
    }
    ReportPrinter.human(report, terminal.err());
    if (report.has(ProblemCode.NO_DECRYPTION_KEY)) {
      explainMissingKey(reading, terminal);
    }
    if (release) {
      staged.commit();
    } else if (refusal.isPresent()) {
      terminal.err().println("signet: content withheld: " + refusal.get());
      return Cli.USAGE_OR_INPUT;
    } else if (releaseContent) {
      terminal.err().println("signet: content withheld: the verdict is error (--show-anyway writes it)");
    }
    return ReportPrinter.exitCode(report);
  }

  /** What a person without a key is told: the organisation's NeedEncryptionString, if it set one. */
  static void explainMissingKey(ReadingOptions reading, Terminal terminal) throws IOException {
    reading.policy(terminal).string(dev.signet.core.PolicySetting.NEED_ENCRYPTION_STRING)
        .ifPresent(text -> terminal.err().println("signet: " + text));
  }
}
