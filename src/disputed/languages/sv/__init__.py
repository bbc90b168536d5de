"""Swedish: a language marketplaces print notices in (Amazon.se), not yet one disputed answers buyers in."""
