"""Pages for people: server-rendered Django views on the domain's services and selectors.

One package per audience (``shop``, ``account``, ``counter``, later ``backoffice``,
``dinas``, ``members``); ``core`` holds the base template, static files and template
tags they share. Views call ``marketplace`` and ``coop_reporting`` services and
selectors, never the GraphQL layer (checked by import-linter).
"""
