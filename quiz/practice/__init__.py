"""Practice: series of questions, one-question drills, the review boxes and the progress page."""
