package dev.signet.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "speed", mixinStandardHelpOptions = true,
    description = "Measure whole S/MIME messages per second and MB/s beside the raw primitives' rates, in the manner"
        + " of openssl speed.")
final class SpeedCommand extends CommandBase {
  @Option(names = "--json", description = "Print an array of {op, suite, size, messagesPerSecond, megabytesPerSecond,"
      + " primitiveMegabytesPerSecond}.")
  boolean json;

  @Option(names = "--seconds", paramLabel = "N", defaultValue = "1", description = "Time per measurement (default 1).")
  double seconds;

  @Option(names = "--sizes", paramLabel = "LIST", split = ",", defaultValue = "4k,1m,64m",
      description = "Message sizes (default 4k,1m,64m).")
  List<String> sizes;

  @Option(names = "--only", paramLabel = "OPS", split = ",",
      description = "Only these operations: sign, verify, encrypt, decrypt, sign+encrypt, decrypt+verify.")
  List<String> only;

  @Option(names = "--export", paramLabel = "DIR", description = "Also write the measured messages (message-SIZE.eml)"
      + " and the digital IDs (KEY.p12, password as for other verbs) there, for running other tools on the same input.")
  Path export;

  @Override
  public Integer call() throws Exception {
    if (seconds <= 0 || seconds > 600) {
      throw new UsageException("--seconds must be between 0 and 600");
    }
    List<Integer> bytes = sizes.stream().map(SpeedCommand::size).toList();
    SpeedRun run = new SpeedRun(seconds, bytes, only == null ? List.of() : only, terminal.err());
    if (export != null) {
      run.export(export, password("Password for the exported digital IDs: ", true));
    }
    List<SpeedRun.Result> results = run.all();
    terminal.out().println(json ? SpeedRun.json(results) : SpeedRun.table(results));
    return Cli.OK;
  }

  static int size(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    try {
      if (t.endsWith("k")) {
        return Integer.parseInt(t.substring(0, t.length() - 1)) << 10;
      }
      if (t.endsWith("m")) {
        return Integer.parseInt(t.substring(0, t.length() - 1)) << 20;
      }
      return Integer.parseInt(t);
    } catch (NumberFormatException e) {
      throw new UsageException("not a size: " + text + " (e.g. 4k, 1m, 64m)", e);
    }
  }
}
