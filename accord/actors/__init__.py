"""Actors: recognise political actors in a parsed document and resolve them to CAMEO actor codes."""
