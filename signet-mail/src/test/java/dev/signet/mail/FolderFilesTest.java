package dev.signet.mail;

/** The store over its default storage, a folder: the contract every storage keeps. */
class FolderFilesTest extends IdStoreContract {
  @Override
  protected StoreFiles files() {
    return new FolderFiles(dir.resolve("store"));
  }
}
