package dev.signet.core.fuzz;

import dev.signet.core.AlgorithmPolicy;
import dev.signet.core.DigitalId;
import dev.signet.core.Policy;
import dev.signet.core.ReadOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The fixed digital IDs the seed corpora were written with (committed PKCS#12 files), so that a
 * regression run decrypts and verifies the seeds exactly as the fuzzer did.
 */
final class FuzzIds {
  static final char[] PASSWORD = "fuzz".toCharArray();
  /** When the IDs were made: they are valid from here for two years. */
  static final Clock MADE = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  /** When every target reads: inside the IDs' validity, whenever the test runs. */
  static final Clock READ = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
  static final String ALICE_FILE = "ids/alice-rsa.p12";
  static final String BOB_FILE = "ids/bob-ec.p12";

  private FuzzIds() {}

  /** The IDs, loaded on first use (the seed writer makes them before they exist). */
  private static final class Loaded {
    static final DigitalId ALICE = load(ALICE_FILE);
    static final DigitalId BOB = load(BOB_FILE);
  }

  /** Reading at {@code depth} with both IDs' keys, trusting both; legacy algorithms readable when unwrapping all. */
  static ReadOptions options(ReadOptions.Depth depth) {
    AlgorithmPolicy algorithms = depth == ReadOptions.Depth.ALL ? AlgorithmPolicy.LEGACY_READ
        : AlgorithmPolicy.BASELINE_2025;
    return new ReadOptions(depth, List.of(Loaded.ALICE, Loaded.BOB),
        List.of(Loaded.ALICE.certificate(), Loaded.BOB.certificate()), List.of(),
        List.of(), algorithms, Policy.defaults(), Optional.empty());
  }

  private static DigitalId load(String resource) {
    try (InputStream in = FuzzIds.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing: run FuzzSeeds (see bench/fuzz.sh --seeds)");
      }
      return DigitalId.readPkcs12(in, PASSWORD);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
