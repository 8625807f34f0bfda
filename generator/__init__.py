"""Generator for the site Överenskommelser och samverkansregler."""
