package io.contactdesk.users.boundary;

import io.contactdesk.users.control.SessionEnded;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/** Tells the app when a console session ends, however it ends, so its live streams close too. */
@WebListener
public class SessionEnd implements HttpSessionListener {

  @Inject Event<SessionEnded> ended;

  @Override
  public void sessionDestroyed(HttpSessionEvent event) {
    ended.fire(new SessionEnded(event.getSession().getId()));
  }
}
