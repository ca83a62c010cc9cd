package io.contactdesk.notifications.control;

import io.contactdesk.notifications.entity.OutboxMail;
import io.contactdesk.queues.control.Memberships;
import io.contactdesk.queues.control.QueueReach;
import io.contactdesk.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * A queue's reach by the rules of notifications: e-mail goes to the enabled members who want it
 * ({@link OutboxMail#RECIPIENTS}, as {@link MailOutbox} owes it), the live event to members
 * connected to this node with sound or desktop on ({@link LiveConnections}). On several nodes a
 * node knows only its own streams, so "live" counts those of the node that answers.
 */
@ApplicationScoped
public class NotificationReach implements QueueReach {

  @Inject EntityManager em;
  @Inject Memberships memberships;
  @Inject LiveConnections connections;

  @Override
  public Reach of(String queueId) {
    List<String> members = memberships.membersOf(queueId);
    int email = mailRecipients(queueId).size();
    return new Reach(members.size(), email, live(members));
  }

  List<User> mailRecipients(String queueId) {
    return em.createNamedQuery(OutboxMail.RECIPIENTS, User.class)
        .setParameter("queueId", queueId)
        .getResultList();
  }

  int live(List<String> members) {
    return (int) members.stream().filter(connections::hearsLive).count();
  }
}
