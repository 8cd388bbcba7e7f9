package dev.signet.mail;

import java.io.IOException;
import java.util.Optional;

/**
 * Where an {@link IdStore} keeps its files: its settings and one sealed PKCS#12 file per digital ID,
 * each a named run of bytes. A folder by default ({@link IdStore#open}); a service that runs on several
 * machines keeps them in its database instead. The store encrypts the keys before they get here, so a
 * storage never sees a private key in clear.
 */
public interface StoreFiles {
  /** The file's content; empty when there is no such file. */
  Optional<byte[]> read(String name) throws IOException;

  /** Writes the file whole or not at all, replacing any file of that name. */
  void write(String name, byte[] content) throws IOException;

  /** Removes the file; nothing happens when there is none. */
  void delete(String name) throws IOException;

  /** How a message names the file for a person: its path, say. */
  String describe(String name);
}
