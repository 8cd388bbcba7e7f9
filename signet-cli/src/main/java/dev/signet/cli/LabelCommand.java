package dev.signet.cli;

import dev.signet.core.SecurityLabel;
import dev.signet.core.SecurityPolicies;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "label", mixinStandardHelpOptions = true, description = "ESS security labels (RFC 2634, RFC 5035).",
    subcommands = {LabelCommand.Make.class, LabelCommand.Show.class})
final class LabelCommand extends VerbFamily {

  @Command(name = "make", mixinStandardHelpOptions = true,
      description = "Write a DER-encoded ESSSecurityLabel for --label and ForceSecurityLabelX.")
  static final class Make extends CommandBase {
    @Option(names = "--policy", required = true, paramLabel = "OID", description = "The security policy identifier.")
    String policy;

    @Option(names = "--classification", paramLabel = "N",
        description = "0 unmarked, 1 unclassified, 2 restricted, 3 confidential, 4 secret, 5 top-secret (up to 256).")
    Integer classification;

    @Option(names = "--privacy-mark", paramLabel = "TEXT", description = "Up to 128 characters.")
    String privacyMark;

    @Option(names = "--category", paramLabel = "OID=VALUE", description = "A security category, its value as text; repeat.")
    List<String> categories = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "LABEL.der", description = "Where the label is written.")
    Path out;

    @Override
    public Integer call() throws Exception {
      SecurityLabel label = label();
      try (StagedOutput staged = StagedOutput.to(Optional.of(out), terminal.out())) {
        staged.stream().write(label.toDer());
        staged.commit();
      }
      terminal.err().println("signet: wrote " + out + ": " + label.display());
      return Cli.OK;
    }

    private SecurityLabel label() {
      try {
        List<SecurityLabel.Category> cats = new ArrayList<>();
        for (String c : categories) {
          int eq = c.indexOf('=');
          if (eq <= 0) {
            throw new UsageException("--category takes OID=VALUE, not " + c);
          }
          cats.add(SecurityLabel.Category.text(c.substring(0, eq), c.substring(eq + 1)));
        }
        return new SecurityLabel(policy, classification == null ? OptionalInt.empty() : OptionalInt.of(classification),
            Optional.ofNullable(privacyMark), cats);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage(), e);
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "What a DER-encoded security label says.")
  static final class Show extends CommandBase {
    @Option(names = "--label", required = true, paramLabel = "LABEL.der", description = "The label file.")
    Path file;

    @Override
    public Integer call() throws Exception {
      SecurityLabel label = EssOptions.read(file);
      SecurityPolicies.LabelJudgement judged = SecurityPolicies.installed().judge(label);
      terminal.out().println("policy: " + label.policy() + judged.policyName().map(n -> " (" + n + ")").orElse(""));
      terminal.out().println("marking: " + judged.display());
      judged.problem().ifPresent(p -> terminal.out().println("flagged: " + p));
      return Cli.OK;
    }
  }
}
