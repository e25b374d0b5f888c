"""Live class sessions, one module per job: `sessions` (lifecycle and clock), `players` (joining,
the cookie, moving on), `answers` (grading and points), `poll` (what a screen depends on),
`standings` (leaderboard and statistics), `screens` (what each screen shows), `results`, and the
hot reads of `rows`. Every state lives in the database."""
