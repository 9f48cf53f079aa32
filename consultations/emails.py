"""Email kinds of this app, registered with notifications.registry."""
