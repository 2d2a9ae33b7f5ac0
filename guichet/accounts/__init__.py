"""Client accounts: sign-up, sign-in, linking applications, status pages and updates."""
