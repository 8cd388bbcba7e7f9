package dev.signet.mail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** A store's files in a folder of their own: owner-only, each written to a temporary file and renamed into place. */
record FolderFiles(Path dir) implements StoreFiles {
  @Override
  public Optional<byte[]> read(String name) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(dir.resolve(name)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void write(String name, byte[] content) throws IOException {
    PrivateFiles.createDirectory(dir);
    PrivateFiles.write(dir.resolve(name), out -> out.write(content));
  }

  @Override
  public void delete(String name) throws IOException {
    Files.deleteIfExists(dir.resolve(name));
  }

  @Override
  public String describe(String name) {
    return dir.resolve(name).toString();
  }
}
