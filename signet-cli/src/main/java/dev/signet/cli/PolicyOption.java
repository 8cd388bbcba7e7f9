package dev.signet.cli;

import dev.signet.core.Policy;
import dev.signet.mail.PolicyInForce;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --policy FILE}, else $SIGNET_POLICY, beneath the machine-wide policy: the organisation's policy in force. */
final class PolicyOption {
  @Option(names = "--policy", paramLabel = "FILE", description = "Your policy file: Name=Value lines or a .reg export"
      + " (default: $SIGNET_POLICY); the machine-wide /etc/signet/policy holds every setting it sets.")
  Path file;

  private Policy read;

  /** Read once per run; the judges of a concurrent batch share it. */
  synchronized Policy inForce(Terminal terminal) throws IOException {
    if (read == null) {
      Optional<Path> personal = Optional.ofNullable(file)
          .or(() -> Optional.ofNullable(terminal.env().get("SIGNET_POLICY")).filter(s -> !s.isEmpty()).map(Path::of));
      read = PolicyInForce.read(personal, terminal.machinePolicy());
    }
    return read;
  }
}
