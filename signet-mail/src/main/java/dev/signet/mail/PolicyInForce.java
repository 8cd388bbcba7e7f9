package dev.signet.mail;

import dev.signet.core.FailureKind;
import dev.signet.core.Policy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * Which policy binds a person, as Outlook reads HKLM: the machine-wide file (only an administrator
 * may write it) holds every setting it sets; the person's own file ({@code --policy}, else
 * {@code $SIGNET_POLICY}) adds what it leaves absent and can weaken nothing.
 */
public final class PolicyInForce {
  /** Where the machine-wide policy lives. */
  public static final Path MACHINE_WIDE = Path.of("/etc/signet/policy");

  private PolicyInForce() {}

  /**
   * @param personal the person's policy file, if they name one
   * @param machineWide the machine-wide file; absent means no machine-wide policy
   * @throws StoreException when the machine-wide file may be written by others than its owner
   */
  public static Policy read(Optional<Path> personal, Path machineWide) throws IOException {
    Policy own = personal.isPresent() ? readFile(personal.get()) : Policy.defaults();
    if (!Files.isRegularFile(machineWide)) {
      return own;
    }
    refuseIfOthersMayWrite(machineWide);
    Policy organisation = readFile(machineWide);
    return personal.isPresent() ? own.beneath(organisation) : organisation;
  }

  private static Policy readFile(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Policy.read(in, file.toString());
    }
  }

  private static void refuseIfOthersMayWrite(Path file) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    Set<PosixFilePermission> perms = view.readAttributes().permissions();
    if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new StoreException(FailureKind.POLICY_VIOLATION, file + ": the machine-wide policy may be written by others than its owner;"
          + " fix its permissions (chmod go-w) before Signet reads it");
    }
  }
}
