"""Authoring and the ways out: preview, duplicate, publish checks, Moodle XML, printable worksheets."""
