package io.contactdesk.queues.control;

/**
 * Who a new contact of a queue reaches now (SPEC, Part 2, Follow-up: "never unheard"): its members,
 * those of them who get its e-mail, those online with sound or desktop on. Who gets mail and who is
 * online are the notifications feature's rules, and it sits above queues: it answers through this
 * interface, so the admin's queue page can show the reach without queues importing notifications.
 */
public interface QueueReach {

  record Reach(int members, int email, int live) {

    /** Nobody would be told of a new contact (the fallback address gets it, if there is one). */
    public boolean nobody() {
      return email == 0 && live == 0;
    }
  }

  Reach of(String queueId);
}
