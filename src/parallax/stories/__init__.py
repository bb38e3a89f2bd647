"""Stories: grouping articles from many outlets and languages into one event or thread."""
