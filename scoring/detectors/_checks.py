"""Named checks that every risk's rules share (each with its reason)."""

from __future__ import annotations

from scoring.detectors._rules import found

__all__ = ["CROSS_REFERENCE"]

# A pointer to other text ("To find out more about how we respond to law enforcement requests,
# please see our guidelines", "(Learn more about how we handle requests here)") says nothing itself.
CROSS_REFERENCE = found(
    "cross_reference",
    r"^\W*(?:to (?:find out|learn|read) more|(?:learn|find out|read) more|for (?:more|further) "
    r"(?:information|"
    r"details)|more information (?:about|on)|please (?:see|refer to|visit|read)|see (?:our|the|section)|"
    r"click here|details (?:are|can be found))\b|\b(?:learn|find out|read) more about\b|\bplease see our\b|"
    r"\bhere\W*$",
)
