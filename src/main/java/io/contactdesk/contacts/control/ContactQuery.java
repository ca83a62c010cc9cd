package io.contactdesk.contacts.control;

import io.contactdesk.contacts.entity.Contact;
import io.contactdesk.platform.Ids;
import io.contactdesk.platform.InvalidInput;
import io.contactdesk.platform.PlainText;

/**
 * What an agent types in the search box: a contact's reference as the visitor quotes it ({@link
 * Ids#referenceOf}), or the visitor's e-mail address, exact whatever its case.
 */
public record ContactQuery(String value, boolean byEmail) {

  public static ContactQuery email(String address) {
    return new ContactQuery(Contact.searchableEmail(address), true);
  }

  /** Reads the search box; anything that is neither a reference nor an e-mail is a 422 on q. */
  public static ContactQuery of(String text) {
    String given = text.strip();
    if (given.indexOf('@') >= 0 && PlainText.isEmail(given)) {
      return email(given);
    }
    String reference = Ids.referenceOf(given);
    if (reference == null) {
      throw InvalidInput.of("q", "must be a reference such as K7Q-4MX2 or an e-mail address");
    }
    return new ContactQuery(reference, false);
  }
}
