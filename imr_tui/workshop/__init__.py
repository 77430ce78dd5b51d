"""Workshops: trainees and their codes, case files handed out, progress, the room,
comments from the trainer, and everyone's work collected.

Shared by the trainee's app, the trainer's app and the server; it never imports a front end.
"""
