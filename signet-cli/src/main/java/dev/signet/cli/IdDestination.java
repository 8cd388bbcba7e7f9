package dev.signet.cli;

import dev.signet.core.DigitalId;
import dev.signet.core.EmailAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where a new digital ID goes: a PKCS#12 file ({@code --out}), or the store ({@code --store-as}),
 * sealed there for good with {@code --non-exportable}, or when the store's default profile makes new
 * IDs non-exportable and {@code --exportable} does not say otherwise. Shared by {@code id new} and
 * {@code id enroll}.
 */
final class IdDestination {
  @Option(names = "--out", paramLabel = "ID.p12", description = "Where to write it (exportable IDs).")
  Path out;

  @Option(names = "--non-exportable",
      description = "Keep it in the store, sealed: it signs and decrypts there and can never be exported.")
  boolean nonExportable;

  @Option(names = "--exportable",
      description = "Exportable even when the store's default profile makes new digital IDs non-exportable.")
  boolean exportable;

  @Option(names = "--store-as", paramLabel = "NAME",
      description = "Add it to the store under this name instead of writing --out (default with --non-exportable:"
          + " the address's local part).")
  String storeAs;

  /** The variant that names a pair's encryption ID. */
  static final String ENCRYPTION = "-encryption";

  @Mixin StoreOption store;

  private boolean sealed;

  /**
   * Decides whether the ID is sealed, and refuses a contradictory choice or a file already there, before any
   * key is made; {@code pair} when an encryption ID is made too, written beside --out.
   */
  void check(Terminal terminal, boolean pair) throws IOException {
    if (nonExportable && exportable) {
      throw new UsageException("give --non-exportable or --exportable, not both");
    }
    boolean byDefault = !nonExportable && !exportable && sealedByDefault(store, terminal);
    sealed = nonExportable || byDefault;
    if (byDefault && out != null) {
      throw new UsageException("the store's default profile makes new digital IDs non-exportable: give --store-as "
          + "NAME to keep it there, or --exportable to write --out");
    }
    if ((sealed || storeAs != null) == (out != null)) {
      throw new UsageException(sealed ? "a non-exportable ID stays in the store: give --store-as, not --out"
          : "give --out FILE or --store-as NAME");
    }
    if (out != null) {
      refuseExisting(out);
      if (pair) {
        refuseExisting(beside(out, ENCRYPTION));
      }
    }
  }

  /**
   * A file there may be someone's digital ID, whose key nothing could bring back: no verb writes a digital ID
   * over it, nor in place of a folder. A device or pipe (/dev/stdout) is written to as before.
   */
  static void refuseExisting(Path file) {
    if (Files.isRegularFile(file) || Files.isDirectory(file)) {
      throw new UsageException(file + " exists, and a digital ID is never written over: remove it or give another"
          + " --out");
    }
  }

  /** Whether the store in use, if any, has a default profile that makes new IDs non-exportable. */
  static boolean sealedByDefault(StoreOption store, Terminal terminal) throws IOException {
    return store.inUse(terminal).isPresent() && store.open(terminal).newIdsNonExportable();
  }

  /**
   * Keeps {@code id} under {@code password}; {@code variant} ("" or "-encryption") tells a second ID of
   * the same person apart. Returns what was done, for the person.
   */
  String keep(DigitalId id, char[] password, String email, String variant, Terminal terminal) throws IOException {
    if (out == null) {
      String as = (storeAs != null ? storeAs : EmailAddress.parse(email).orElseThrow().localPart()) + variant;
      store.open(terminal).add(as, id, password, !sealed);
      return "added " + as + (sealed ? " (non-exportable" + (nonExportable ? ")" : ", as the default profile says)")
          : "") + " to the store";
    }
    Path file = variant.isEmpty() ? out : beside(out, variant);
    try (StagedOutput staged = StagedOutput.to(Optional.of(file), OutputStream.nullOutputStream())) {
      id.writePkcs12(staged.stream(), password, new SecureRandom());
      staged.commit();
    }
    return "wrote " + file;
  }

  /** A second digital ID's file beside {@code file}: ID.p12 and "-encryption" give ID-encryption.p12. */
  static Path beside(Path file, String variant) {
    String name = file.getFileName().toString();
    String stem = name.endsWith(".p12") ? name.substring(0, name.length() - 4) : name;
    return file.resolveSibling(stem + variant + ".p12");
  }
}
