"""dateline: who said what to whom, with what stance, from news articles."""
