package io.contactdesk.contacts.control;

import io.contactdesk.contacts.entity.Comment;
import io.contactdesk.contacts.entity.Contact;
import java.util.List;

/** A contact with its history of comments, as "View content" shows it. */
public record CaseFile(Contact contact, List<Comment> comments) {}
