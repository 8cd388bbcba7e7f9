package dev.signet.testkit;

import java.io.File;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * An external program a test needs (openssl, gpgsm, curl, the mail programs s-nail and
 * NeoMutt, tmux to give a terminal program its screen). On a developer's machine without it the test
 * is skipped with the reason shown; under CI ({@code CI=true}) its absence is a failure.
 */
public enum ExternalTool {
  OPENSSL("openssl"),
  GPGSM("gpgsm"),
  LDAPSEARCH("ldapsearch"),
  CURL("curl"),
  S_NAIL("s-nail"),
  NEOMUTT("neomutt"),
  TMUX("tmux");

  private final String command;

  ExternalTool(String command) {
    this.command = command;
  }

  public String command() {
    return command;
  }

  public Optional<String> path() {
    String pathVar = System.getenv().getOrDefault("PATH", "");
    for (String dir : pathVar.split(File.pathSeparator)) {
      File f = new File(dir, command);
      if (f.canExecute()) {
        return Optional.of(f.getAbsolutePath());
      }
    }
    return Optional.empty();
  }

  /** Skips the calling test (or fails it under CI) when the tool is missing. */
  public void require() {
    requirePresent(path().isPresent(), command + " is not installed");
  }

  /** Skips (or fails under CI) with {@code reason} unless {@code present}. */
  public static void requirePresent(boolean present, String reason) {
    if (present) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(reason + " (required under CI; .ci/run installs it)");
    }
    Assumptions.abort(reason + "; skipped on this machine");
  }
}
