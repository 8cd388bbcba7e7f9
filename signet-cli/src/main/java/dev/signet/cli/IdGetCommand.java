package dev.signet.cli;

import dev.signet.core.EnrollmentUrl;
import dev.signet.core.Policy;
import dev.signet.core.PolicySetting;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "get", mixinStandardHelpOptions = true,
    description = "Print where to get a digital ID: the policy's EnrollPageURL, with %%1 name, %%2 email, "
        + "%%3 code page of the language (1252 for English), URL-encoded.")
final class IdGetCommand extends CommandBase {
  @Mixin PolicyOption policy;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "The person's display name.")
  String name;

  @Option(names = "--email", required = true, paramLabel = "ADDR", description = "The person's email address.")
  String email;

  @Option(names = "--lang", paramLabel = "TAG", description = "The person's language, e.g. en or ja (default: the system's).")
  String lang;

  @Override
  public Integer call() throws Exception {
    Policy inForce = policy.inForce(terminal);
    String template = inForce.string(PolicySetting.ENROLL_PAGE_URL)
        .orElseThrow(() -> new UsageException(inForce.source() + " sets no EnrollPageURL"));
    Locale language = lang == null ? Locale.getDefault() : Locale.forLanguageTag(lang);
    terminal.out().println(EnrollmentUrl.expand(template, name, email, language));
    return Cli.OK;
  }
}
