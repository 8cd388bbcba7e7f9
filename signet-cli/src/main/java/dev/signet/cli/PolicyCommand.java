package dev.signet.cli;

import dev.signet.core.ComposePolicy;
import dev.signet.core.Limits;
import dev.signet.core.MessageHead;
import dev.signet.core.Policy;
import dev.signet.core.PolicySetting;
import java.io.InputStream;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "policy", mixinStandardHelpOptions = true, description = "The organisation's policy settings.",
    subcommands = {PolicyCommand.Show.class, PolicyCommand.Explain.class})
final class PolicyCommand extends VerbFamily {

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Every setting with its effective value and where it came from.")
  static final class Show extends CommandBase {
    @Option(names = "--policy", paramLabel = "FILE", description = "The policy file (default: built-in defaults).")
    Path policyFile;

    @Override
    public Integer call() throws Exception {
      Policy policy = policy(policyFile);
      for (PolicySetting s : PolicySetting.values()) {
        String source = policy.isSet(s) ? "set in " + policy.source() : "absent, default";
        terminal.out().println(s.registryName() + "=" + value(policy, s) + "  (" + source + ")");
      }
      return Cli.OK;
    }

    private static String value(Policy policy, PolicySetting s) {
      return switch (s.kind()) {
        case DWORD -> Integer.toString(policy.effective(s));
        case STRING -> policy.string(s).orElse("");
        case BINARY -> policy.binary(s).map(java.util.HexFormat.of()::formatHex).orElse("");
      };
    }
  }

  @Command(name = "explain", mixinStandardHelpOptions = true,
      description = "Which setting decides each thing compose would do with a message, without doing it.")
  static final class Explain extends Composing {
    @Override
    public Integer call() throws Exception {
      byte[] head;
      try (InputStream s = input()) {
        head = MessageHead.read(s, Limits.DEFAULT).bytes();
      }
      show(ComposePolicy.plan(request(from.resolve(this), head), policy(policyFile)).decisions(), terminal.out());
      return Cli.OK;
    }
  }
}
