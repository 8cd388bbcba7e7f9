package dev.signet.cli;

import dev.signet.core.ComposePlan;
import dev.signet.core.ComposePolicy;
import dev.signet.core.DigitalId;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "compose", mixinStandardHelpOptions = true,
    description = "Sign and/or encrypt a message as the person asks and the policy requires; the decisions go to stderr.")
final class ComposeCommand extends Composing {
  @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: standard output).")
  Path out;

  @Override
  public Integer call() throws Exception {
    DigitalId sender = digitalId(from);
    byte[] message;
    try (InputStream s = input()) {
      message = s.readAllBytes();
    }
    ComposePlan plan = ComposePolicy.plan(request(sender, message), policy(policyFile));
    show(plan.decisions(), terminal.err());
    try (StagedOutput staged = StagedOutput.to(Optional.ofNullable(out), terminal.out())) {
      smime().compose(new ByteArrayInputStream(message), plan, sender, staged.stream());
      staged.commit();
    }
    return Cli.OK;
  }
}
