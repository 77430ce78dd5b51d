"""Browser mode: the interview served to a workshop's browsers."""
