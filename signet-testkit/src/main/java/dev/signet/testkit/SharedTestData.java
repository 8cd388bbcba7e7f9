package dev.signet.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The third-party corpora in {@code ../shared/testdata} beside the repository (see its README for
 * origin and licence). Tests that need a folder skip when it is absent, and fail under CI.
 */
public final class SharedTestData {
  private SharedTestData() {}

  /** The folder {@code name} under the shared test data, after checking it is there. */
  public static Path folder(String name) {
    Path dir = root().resolve(name);
    ExternalTool.requirePresent(Files.isDirectory(dir), "the shared test data folder " + dir + " is absent");
    return dir;
  }

  static Path root() {
    String env = System.getenv("SIGNET_SHARED");
    if (env != null && Files.isDirectory(Path.of(env, "testdata"))) {
      return Path.of(env, "testdata");
    }
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("testdata");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      Path sibling = p.resolveSibling("shared").resolve("testdata");
      if (Files.isDirectory(sibling)) {
        return sibling;
      }
    }
    return here.resolve("../shared/testdata").normalize();
  }
}
