"""Front-end views of the members app, by audience: public, accounts, "Mój ośrodek"."""
