"""The teacher space: teacher accounts, classes with a join code, student accounts (sign-up with
the code, sign-in, their account page); later the assignments, results and exports."""
