package dev.signet.cli;

import dev.signet.core.SecurityReport;
import dev.signet.core.Verdict;
import java.io.IOException;

/** How the reading verbs end: the report printed, the content released unless the verdict is error. */
final class Reading {
  private Reading() {}

  static int finish(SecurityReport report, ReadingOptions reading, StagedOutput staged, Terminal terminal,
      boolean releaseContent) throws IOException {
    if (reading.json) {
      terminal.out().println(ReportPrinter.json(report));
      terminal.out().flush();
    }
    ReportPrinter.human(report, terminal.err());
    if (releaseContent && report.verdict() != Verdict.ERROR) {
      staged.commit();
    } else if (releaseContent) {
      terminal.err().println("signet: content withheld: the verdict is error");
    }
    return ReportPrinter.exitCode(report);
  }
}
