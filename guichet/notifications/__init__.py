"""Notifications: SMS and e-mail to clients, written to an outbox and sent by the task worker."""
