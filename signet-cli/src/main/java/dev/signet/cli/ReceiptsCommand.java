package dev.signet.cli;

import dev.signet.mail.SentReceipts;
import java.nio.file.Path;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "receipts", mixinStandardHelpOptions = true, description = "The signed receipts asked for and returned.",
    subcommands = {ReceiptsCommand.Listing.class})
final class ReceiptsCommand extends VerbFamily {

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Per message sent with a receipt request: who has returned a valid receipt, and when.")
  static final class Listing extends CommandBase {
    @Mixin StoreOption store;

    @Override
    public Integer call() throws Exception {
      Path folder = store.open(terminal).folder();
      for (SentReceipts.Sent s : SentReceipts.in(folder).list()) {
        String receipts = s.receipts().isEmpty() ? "no receipt yet"
            : s.receipts().stream().map(r -> r.from() + " at " + r.at()).collect(Collectors.joining(", "));
        terminal.out().println(s.sent() + "  \"" + s.subject() + "\"  " + s.request().request().contentIdentifier()
            + "  " + receipts);
      }
      terminal.out().flush();
      return Cli.OK;
    }
  }
}
