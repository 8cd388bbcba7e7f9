package dev.signet.server.mail;

import com.icegreen.greenmail.foedus.util.MsgRangeFilter;
import com.icegreen.greenmail.store.StoredMessage;
import jakarta.mail.Message;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.NotTerm;
import jakarta.mail.search.OrTerm;
import jakarta.mail.search.SearchTerm;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A folder's messages as lists, pages and search results: each message read only when it is asked
 * for, and one expunged meanwhile left out. It reads through its folder, which takes its own lock.
 */
final class MessageListing {
  private final MaildirFolder folder;

  MessageListing(MaildirFolder folder) {
    this.folder = folder;
  }

  /** The messages after the {@code skip} newest, at most {@code limit}, newest first. */
  List<MaildirFolder.Raw> newest(int skip, int limit) {
    long[] all = folder.getMessageUids();
    List<MaildirFolder.Raw> page = new ArrayList<>();
    for (int i = all.length - 1 - skip; i >= 0 && page.size() < limit; i--) {
      folder.raw(all[i]).ifPresent(page::add);
    }
    return page;
  }

  List<StoredMessage> inRange(MsgRangeFilter range) {
    long[] all = folder.getMessageUids();
    long[] chosen = new long[all.length];
    int n = 0;
    for (int i = 0; i < all.length; i++) {
      if (range.includes(i + 1)) {
        chosen[n++] = all[i];
      }
    }
    return lazily(Arrays.copyOf(chosen, n));
  }

  /** The messages with these UIDs, each read when the list is asked for it. */
  List<StoredMessage> lazily(long[] chosen) {
    List<StoredMessage> read = new AbstractList<>() {
      @Override
      public StoredMessage get(int index) {
        return folder.getMessage(chosen[index]);
      }

      @Override
      public int size() {
        return chosen.length;
      }
    };
    return Collections.unmodifiableList(read);
  }

  long[] search(SearchTerm term) {
    boolean flagsOnly = onlyFlags(term);
    long[] all = folder.getMessageUids();
    long[] matched = new long[all.length];
    int n = 0;
    for (int i = 0; i < all.length; i++) {
      StoredMessage m = flagsOnly ? folder.stub(all[i]) : folder.getMessage(all[i]);
      if (m == null) {
        continue; // expunged meanwhile
      }
      m.updateMessageNumber(i + 1);
      if (term.match(m.getMimeMessage())) {
        matched[n++] = all[i];
      }
    }
    return Arrays.copyOf(matched, n);
  }

  /** Whether {@code term} looks at nothing but flags, UIDs and sequence numbers, so needs no message read. */
  private static boolean onlyFlags(SearchTerm term) {
    if (term instanceof AndTerm and) {
      return Arrays.stream(and.getTerms()).allMatch(MessageListing::onlyFlags);
    }
    if (term instanceof OrTerm or) {
      return Arrays.stream(or.getTerms()).allMatch(MessageListing::onlyFlags);
    }
    if (term instanceof NotTerm not) {
      return onlyFlags(not.getTerm());
    }
    if (term instanceof FlagTerm) {
      return true;
    }
    String type = term.getClass().getName(); // GreenMail's own terms, private to its search command
    return type.endsWith("SearchTermBuilder$UidSearchTerm") || type.endsWith("SearchTermBuilder$MessageNumberSearchTerm")
        || type.endsWith("SearchTermBuilder$AllSearchTerm");
  }

  Message[] byUid(long start, long end) {
    return byUid(Arrays.stream(folder.getMessageUids()).filter(uid -> uid >= start && uid <= end).toArray());
  }

  Message[] byUid(long[] wanted) {
    List<Message> found = new ArrayList<>();
    for (long uid : wanted) {
      Optional.ofNullable(folder.getMessageByUID(uid)).ifPresent(found::add);
    }
    return found.toArray(new Message[0]);
  }
}
