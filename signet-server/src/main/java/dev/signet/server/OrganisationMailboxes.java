package dev.signet.server;

import dev.signet.server.mail.MailFolders;
import dev.signet.server.mail.MailService;
import dev.signet.server.web.Accounts;
import dev.signet.server.web.Mailboxes;
import jakarta.mail.Flags;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The web UI's mailboxes are the mail server's: what arrives over SMTP shows in the web inbox, and
 * what the web UI sends lands in the INBOX that IMAP reads; folders, moves and flags are the ones a
 * mail program sees. A person with an account gets their mailbox when the web first asks for it
 * (people the administrator adds while the service runs).
 */
final class OrganisationMailboxes implements Mailboxes {
  private static final List<String> STANDARD = Arrays.stream(Standard.values()).map(Standard::folder).toList();
  private static final String UID = "[0-9]{1,18}";

  private final MailService mail;
  private final Accounts accounts;

  OrganisationMailboxes(MailService mail, Accounts accounts) {
    this.mail = mail;
    this.accounts = accounts;
  }

  @Override
  public List<Message> list(Owner owner) {
    List<Message> newestFirst = new ArrayList<>(mail.inbox(opened(owner.address())).stream()
        .map(OrganisationMailboxes::message).toList());
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  @Override
  public List<Folder> folders(Owner owner) {
    return folders(owner.address()).list(STANDARD).stream().map(f -> new Folder(f.name(), f.total(), f.unread()))
        .toList();
  }

  @Override
  public Page page(Owner owner, String folder, int skip, int limit) {
    MailFolders folders = folders(owner.address());
    if (!folders.has(folder)) {
      return new Page(List.of(), 0);
    }
    return new Page(folders.newest(folder, skip, limit).stream().map(OrganisationMailboxes::message).toList(),
        folders.count(folder));
  }

  @Override
  public Optional<Message> fetch(Owner owner, String folder, String id) {
    MailFolders folders = folders(owner.address());
    if (!id.matches(UID) || !folders.has(folder)) {
      return Optional.empty();
    }
    return folders.mail(folder, Long.parseLong(id)).map(OrganisationMailboxes::message);
  }

  @Override
  public void move(Owner owner, String folder, List<String> ids, String to) {
    folders(owner.address()).move(folder, uids(ids), to);
  }

  @Override
  public void mark(Owner owner, String folder, List<String> ids, Flag flag, boolean set) {
    folders(owner.address()).flag(folder, uids(ids), flag == Flag.SEEN ? Flags.Flag.SEEN : Flags.Flag.FLAGGED, set);
  }

  @Override
  public void destroy(Owner owner, String folder, List<String> ids) {
    folders(owner.address()).remove(folder, uids(ids));
  }

  @Override
  public void createFolder(Owner owner, String name) {
    folders(owner.address()).create(Folder.ownName(name));
  }

  @Override
  public void renameFolder(Owner owner, String name, String newName) {
    Folder.requireOwn(name);
    folders(owner.address()).rename(name, Folder.ownName(newName));
  }

  @Override
  public void deleteFolder(Owner owner, String name) {
    Folder.requireOwn(name);
    folders(owner.address()).delete(name, Standard.TRASH.folder());
  }

  @Override
  public void keepSent(Owner owner, byte[] message) {
    MailFolders folders = folders(owner.address());
    folders.ensure(List.of(Standard.SENT.folder())); // made on first use
    folders.append(Standard.SENT.folder(), message, new Flags(Flags.Flag.SEEN));
  }

  @Override
  public void deliver(Owner from, List<String> recipients, byte[] message) {
    mail.deliver(recipients.stream().map(this::opened).toList(), message);
  }

  private MailFolders folders(String address) {
    return mail.folders(opened(address));
  }

  private String opened(String address) {
    if (accounts.find(address).isEmpty()) {
      throw new IllegalArgumentException("no mailbox here for " + address);
    }
    mail.addMailbox(address);
    return address;
  }

  private static List<Long> uids(List<String> ids) {
    return ids.stream().filter(id -> id.matches(UID)).map(Long::parseLong).toList();
  }

  private static Message message(MailService.Mail m) {
    Set<Flag> flags = EnumSet.noneOf(Flag.class);
    if (m.seen()) {
      flags.add(Flag.SEEN);
    }
    if (m.flagged()) {
      flags.add(Flag.FLAGGED);
    }
    return new Message(Long.toString(m.uid()), m.received(), m.raw(), flags);
  }
}
