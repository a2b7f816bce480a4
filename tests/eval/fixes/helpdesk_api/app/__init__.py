"""Helpdesk assistant API."""
