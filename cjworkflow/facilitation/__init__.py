"""Team facilitation: dot votes, team estimates, anonymous mode and who contributed what."""
