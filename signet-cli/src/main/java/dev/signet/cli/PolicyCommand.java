package dev.signet.cli;

import dev.signet.core.Limits;
import dev.signet.core.MessageHead;
import dev.signet.core.Policy;
import dev.signet.core.PolicySetting;
import java.io.InputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "policy", mixinStandardHelpOptions = true, description = "The organisation's policy settings.",
    subcommands = {PolicyCommand.Show.class, PolicyCommand.Explain.class})
final class PolicyCommand extends VerbFamily {

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Every setting with its effective value and where it came from.")
  static final class Show extends CommandBase {
    @Mixin PolicyOption policyOption;

    @Override
    public Integer call() throws Exception {
      Policy policy = policyOption.inForce(terminal);
      terminal.out().println("# in force: " + policy.source());
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
      try (ComposeSession session = new ComposeSession(); InputStream s = input()) {
        show(plan(MessageHead.read(s, Limits.DEFAULT).bytes(), session).plan().decisions(), terminal.out());
      }
      return Cli.OK;
    }
  }
}
