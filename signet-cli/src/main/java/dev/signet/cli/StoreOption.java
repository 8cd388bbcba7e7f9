package dev.signet.cli;

import dev.signet.mail.IdStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --store DIR}: the digital-ID store, else $SIGNET_STORE, else ~/.signet. */
final class StoreOption {
  @Option(names = "--store", paramLabel = "DIR",
      description = "The digital-ID store folder (default: $SIGNET_STORE, else ~/.signet).")
  Path store;

  /** The store's folder when the person uses one: named (--store, $SIGNET_STORE) or already there; never made for this. */
  Optional<Path> inUse(Terminal terminal) {
    Path folder = open(terminal).folder();
    boolean named = store != null || terminal.env().containsKey("SIGNET_STORE");
    return named || Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
  }

  IdStore open(Terminal terminal) {
    if (store != null) {
      return IdStore.open(store);
    }
    String env = terminal.env().get("SIGNET_STORE");
    return IdStore.open(env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".signet"));
  }
}
