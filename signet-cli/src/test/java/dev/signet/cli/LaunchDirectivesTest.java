package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.testkit.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The compiler directives and compile commands the launcher gives a large decrypt or read: a file the JVM
 * refuses would stop it from starting, a command it echoed would land in the output, and a class renamed
 * away would silently lose C2.
 */
class LaunchDirectivesTest {
  private static final Path DIRECTIVES = Path.of("src/main/launcher/read-compiler.json");
  private static final Path THRESHOLDS = Path.of("src/main/launcher/read-thresholds.txt");

  @Test
  void theJvmStartsWithTheDirectives() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");

    ProcessRunner.Result r = ProcessRunner.run(Path.of("."), Map.of(), new byte[0], List.of(java.toString(),
        "-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=" + DIRECTIVES, "-version"));

    assertThat(r.exitCode()).as(r.stderr() + r.stdoutText()).isZero();
    assertThat(r.stdoutText() + r.stderr()).contains("3 compiler directives added");
  }

  @Test
  void theJvmStartsWithTheCompileCommandsAndPrintsNothingOfThem() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");

    ProcessRunner.Result r = ProcessRunner.run(Path.of("."), Map.of(), new byte[0], List.of(java.toString(),
        "-XX:CompileCommandFile=" + THRESHOLDS, "-version"));

    assertThat(r.exitCode()).as(r.stderr() + r.stdoutText()).isZero();
    assertThat(r.stdoutText() + r.stderr()).doesNotContain("CompileCommand");
  }

  @Test
  void everySignetClassTheDirectivesNameExists() throws IOException {
    Matcher named = Pattern.compile("\"(dev/signet/[A-Za-z/]+)\\*?\\.\\*\"").matcher(Files.readString(DIRECTIVES));
    int found = 0;
    while (named.find()) {
      String className = named.group(1).replace('/', '.');
      assertThat(exists(className)).as(className).isTrue();
      found++;
    }
    assertThat(found).isEqualTo(3);
  }

  private static boolean exists(String className) {
    try {
      Class.forName(className, false, LaunchDirectivesTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
