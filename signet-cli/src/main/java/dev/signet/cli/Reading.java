package dev.signet.cli;

import dev.signet.core.KeyUnavailableException;
import dev.signet.core.Policy;
import dev.signet.core.ReadOptions;
import dev.signet.core.Smime;
import dev.signet.core.PolicySetting;
import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import dev.signet.core.SecurityReport;
import dev.signet.core.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * How the reading verbs end: the report printed, the content released unless the verdict is error.
 * Content behind an error verdict is withheld unless the person asks (--show-anyway) or policy
 * says the warning is not shown (WarnAboutInvalid=2, or Options=1 for an invalid signature).
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

  static int finish(SecurityReport report, ReadingOptions reading, StagedOutput staged, Terminal terminal,
      boolean releaseContent) throws IOException {
    Optional<PolicySetting> releasedBy = releasedBy(report, reading.policy());
    Optional<String> refusal = reading.clearanceRefusal(report);
    boolean release = releaseContent && refusal.isEmpty()
        && (report.verdict() != Verdict.ERROR || reading.showAnyway || releasedBy.isPresent());
    if (reading.json) {
      terminal.out().println(ReportPrinter.json(report, release, releasedBy));
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

  /** The setting that lets content behind an error verdict out without a warning, if one does. */
  private static Optional<PolicySetting> releasedBy(SecurityReport report, Policy policy) {
    if (report.verdict() != Verdict.ERROR) {
      return Optional.empty();
    }
    if (policy.effective(PolicySetting.WARN_ABOUT_INVALID) == 2) {
      return Optional.of(PolicySetting.WARN_ABOUT_INVALID);
    }
    boolean onlySignatureInvalid = report.problems().stream()
        .filter(Problem::isError).allMatch(p -> p.code() == ProblemCode.BAD_SIGNATURE);
    if (policy.effective(PolicySetting.OPTIONS) == 1 && onlySignatureInvalid) {
      return Optional.of(PolicySetting.OPTIONS);
    }
    return Optional.empty();
  }

  /** What a person without a key is told: the organisation's NeedEncryptionString, if it set one. */
  static void explainMissingKey(ReadingOptions reading, Terminal terminal) throws IOException {
    reading.policy().string(PolicySetting.NEED_ENCRYPTION_STRING)
        .ifPresent(text -> terminal.err().println("signet: " + text));
  }
}
