package io.contactdesk.users.control;

import io.contactdesk.users.entity.NotificationSettings;

/** A user changed how they want to be notified; live connections follow without reconnecting. */
public record NotificationSettingsChanged(String username, NotificationSettings settings) {}
