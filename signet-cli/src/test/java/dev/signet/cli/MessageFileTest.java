package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Message files open as fast streams, and a failure to open one is named as java.nio.file names it. */
class MessageFileTest {

  @Test
  void aMessageReadsBackWhatWasWritten(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("m.eml");
    try (OutputStream out = MessageFile.writing(file)) {
      out.write("Subject: hi\r\n\r\nbody\r\n".getBytes());
    }
    try (InputStream in = MessageFile.reading(file)) {
      assertThat(new String(in.readAllBytes())).isEqualTo("Subject: hi\r\n\r\nbody\r\n");
    }
  }

  @Test
  void aMissingFileIsNamedAsMissing(@TempDir Path dir) {
    Path missing = dir.resolve("absent.eml");

    assertThatThrownBy(() -> MessageFile.reading(missing)).isInstanceOf(NoSuchFileException.class)
        .hasMessage(missing.toString());
  }

  @Test
  void aFolderIsNamedAsAFolderNotAMessage(@TempDir Path dir) {
    assertThatThrownBy(() -> MessageFile.reading(dir)).isInstanceOf(IOException.class)
        .hasMessage(dir + " is a folder, not a message");
  }

  @Test
  void writingIntoAMissingFolderNamesTheFile(@TempDir Path dir) {
    Path inMissingFolder = dir.resolve("no-folder").resolve("m.eml");

    assertThatThrownBy(() -> MessageFile.writing(inMissingFolder)).isInstanceOf(NoSuchFileException.class)
        .hasMessage(inMissingFolder.toString());
    assertThat(Files.exists(inMissingFolder.getParent())).isFalse();
  }
}
