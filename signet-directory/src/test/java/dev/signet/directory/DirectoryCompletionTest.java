package dev.signet.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory offers the addresses that begin with what a person types, as a GAL does in compose. */
class DirectoryCompletionTest {
  @TempDir Path data;

  @Test
  void addressesBeginningWithWhatWasTypedAreOfferedUpToTheLimit() throws Exception {
    try (EmbeddedDirectory gal = EmbeddedDirectory.start(People.settings(data))) {
      for (String a : new String[] {"alice@example.org", "albert@example.org", "bob@example.org"}) {
        gal.publish(People.publication(a, People.id(a)));
      }

      assertThat(gal.addressesStartingWith("AL", 10)).containsExactlyInAnyOrder("alice@example.org", "albert@example.org");
      assertThat(gal.addressesStartingWith("al", 1)).hasSize(1);
      assertThat(gal.addressesStartingWith("zed", 10)).isEmpty();
      assertThat(gal.addressesStartingWith(" ", 10)).isEmpty();
    }
  }
}
