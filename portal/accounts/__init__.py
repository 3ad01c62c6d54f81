"""Staff accounts beyond the password: sessions that end after inactivity (`idle`) and
two-factor sign-in with an authenticator app (`two_factor`, pages in `views`)."""
