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
        terminal.out().println(line(policy, s));
      }
      return Cli.OK;
    }

    /**
     * {@code Name=value  (set in ...)}; an absent setting shows what its absence means: the value it
     * stands for, or in words when no value means the same ({@code ClearSign  (absent: the person's choice, ...)}).
     */
    static String line(Policy policy, PolicySetting s) {
      if (policy.isSet(s)) {
        return s.registryName() + "=" + value(policy, s) + "  (set in " + policy.source() + ")";
      }
      return s.absence().map(meaning -> s.registryName() + "  (absent: " + meaning + ")")
          .orElseGet(() -> s.registryName() + "=" + value(policy, s) + "  (absent, default)");
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
